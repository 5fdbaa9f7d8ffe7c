/*
 * The default line formats of tmux's mode trees (window-tree.c, window-buffer.c,
 * window-client.c): what choose-tree, choose-buffer and choose-client show for an item
 * without -F, and what #{tree_mode_format}, #{buffer_mode_format} and
 * #{client_mode_format} hold.
 */
export const TREE_DEFAULT_FORMAT =
  '#{?pane_format,' +
  '#{?pane_marked,#[reverse],}' +
  '#{pane_current_command}#{?pane_active,*,}#{?pane_marked,M,}' +
  '#{?#{&&:#{pane_title},#{!=:#{pane_title},#{host_short}}},: "#{pane_title}",}' +
  ',' +
  '#{?window_format,' +
  '#{?window_marked_flag,#[reverse],}' +
  '#{window_name}#{window_flags}' +
  '#{?#{&&:#{==:#{window_panes},1},#{&&:#{pane_title},#{!=:#{pane_title},#{host_short}}}},: "#{pane_title}",}' +
  ',' +
  '#{session_windows} windows' +
  '#{?session_grouped, (group #{session_group}: #{session_group_list}),}' +
  '#{?session_attached, (attached),}' +
  '}' +
  '}';

export const BUFFER_DEFAULT_FORMAT = '#{t/p:buffer_created}: #{buffer_sample}';
export const CLIENT_DEFAULT_FORMAT = '#{t/p:client_activity}: session #{session_name}';
