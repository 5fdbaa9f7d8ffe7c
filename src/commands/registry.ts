/*
 * The registry of every command, by name and alias. One list, used by the CLI, the
 * socket, key bindings, the config loader (which checks bound commands at load time) and
 * list-commands. Adding a command = one file + one line here.
 */
import type { CommandDef } from './types.js';
import { parseCommandString, CommandParseError } from '../core/parse-command.js';
import { parseArgs, UsageError } from './args.js';
import { didYouMean } from '../config/suggest.js';
import { expandAlias } from '../core/command-alias.js';
import attachSession from './attach-session.js';
import bindKey from './bind-key.js';
import breakPane from './break-pane.js';
import capturePane from './capture-pane.js';
import { chooseBuffer, chooseClient } from './choose-list.js';
import chooseTree from './choose-tree.js';
import clearHistory from './clear-history.js';
import commandPrompt from './command-prompt.js';
import confirmBefore from './confirm-before.js';
import copyMode from './copy-mode.js';
import detachClient from './detach-client.js';
import displayMenu from './display-menu.js';
import displayMessage from './display-message.js';
import displayPanes from './display-panes.js';
import displayPopup from './display-popup.js';
import hasSession from './has-session.js';
import { joinPane, movePane } from './join-pane.js';
import killPane from './kill-pane.js';
import killServer from './kill-server.js';
import killSession from './kill-session.js';
import killWindow from './kill-window.js';
import lastPane from './last-pane.js';
import lastWindow from './last-window.js';
import listBuffers from './list-buffers.js';
import listCommands from './list-commands.js';
import listKeys from './list-keys.js';
import listPanes from './list-panes.js';
import listSessions from './list-sessions.js';
import listWindows from './list-windows.js';
import newSession from './new-session.js';
import newWindow from './new-window.js';
import nextLayout from './next-layout.js';
import nextWindow from './next-window.js';
import pasteBuffer from './paste-buffer.js';
import previousWindow from './previous-window.js';
import respawnPane from './respawn-pane.js';
import respawnWindow from './respawn-window.js';
import renameSession from './rename-session.js';
import renameWindow from './rename-window.js';
import resizePane from './resize-pane.js';
import selectLayout from './select-layout.js';
import selectPane from './select-pane.js';
import selectWindow from './select-window.js';
import sendKeys from './send-keys.js';
import sendPrefix from './send-prefix.js';
import setOption from './set-option.js';
import setEnvironment from './set-environment.js';
import showEnvironment from './show-environment.js';
import setHook from './set-hook.js';
import showHooks from './show-hooks.js';
import showMessages from './show-messages.js';
import { showPromptHistory, clearPromptHistory } from './prompt-history.js';
import showOptions from './show-options.js';
import { setWindowOption, showWindowOptions } from './window-options.js';
import sourceFile from './source-file.js';
import runShell from './run-shell.js';
import ifShell from './if-shell.js';
import splitWindow from './split-window.js';
import startServer from './start-server.js';
import swapPane from './swap-pane.js';
import switchClient from './switch-client.js';
import unbindKey from './unbind-key.js';
import chooseProfile from './choose-profile.js';
import doctor from './doctor.js';
import chooseConversation from './choose-conversation.js';
import du from './du.js';
import gc from './gc.js';
import restore from './restore.js';
import resume from './resume.js';
import worktrees from './worktrees.js';
import review from './review.js';
import sessions from './sessions.js';
import claudeHook from './claude-hook.js';
import wait from './wait.js';
import waitFor from './wait-for.js';
import nextWaiting from './next-waiting.js';
import { bufferCommands } from './buffer-commands.js';
import { moveWindow, swapWindow } from './move-window.js';
import rotateWindow from './rotate-window.js';
import previousLayout from './previous-layout.js';
import pipePane from './pipe-pane.js';
import listClients from './list-clients.js';
import refreshClient from './refresh-client.js';
import findWindow from './find-window.js';
import clockMode from './clock-mode.js';
import { lockClient, lockServer, lockSession, suspendClient } from './lock.js';
import resizeWindow from './resize-window.js';
import serverAccess from './server-access.js';
import customizeMode from './customize-mode.js';
import { linkWindow, unlinkWindow } from './link-window.js';

export const COMMANDS: readonly CommandDef[] = [
  attachSession, bindKey, breakPane, capturePane, chooseBuffer, chooseClient, chooseTree, clearHistory, commandPrompt, confirmBefore,
  copyMode, detachClient, displayMenu, displayMessage, displayPanes, displayPopup, hasSession, ifShell, joinPane, killPane, killServer, killSession, killWindow, lastPane,
  lastWindow, listBuffers, listCommands, listKeys, listPanes, listSessions, listWindows, movePane, newSession, newWindow,
  nextLayout, nextWindow, pasteBuffer, previousWindow, renameSession, renameWindow, resizePane, respawnPane, respawnWindow,
  runShell, selectLayout, selectPane, selectWindow, sendKeys, sendPrefix, setOption, setWindowOption, showOptions,
  showWindowOptions, sourceFile, splitWindow, startServer, swapPane, waitFor,
  switchClient, unbindKey, moveWindow, swapWindow, rotateWindow, previousLayout, pipePane, listClients, refreshClient, findWindow, clockMode,
  suspendClient, lockClient, lockSession, lockServer, resizeWindow,
  serverAccess, customizeMode,
  setEnvironment, showEnvironment, setHook, showHooks, showMessages, showPromptHistory, clearPromptHistory,
  linkWindow, unlinkWindow,
  // ccmux's own: Claude panes, persistence, paste buffers.
  chooseProfile, doctor, chooseConversation, du, gc, restore, resume, sessions, worktrees, review, claudeHook, wait, nextWaiting, ...bufferCommands,
];

const byName = new Map<string, CommandDef>();
for (const c of COMMANDS) {
  byName.set(c.name, c);
  for (const a of c.alias ?? []) byName.set(a, c);
}

/** A command by name or alias. Like tmux, an unambiguous prefix of a name also works. */
export function findCommand(name: string): CommandDef | undefined {
  const exact = byName.get(name);
  if (exact) return exact;
  const matches = COMMANDS.filter((c) => c.name.startsWith(name));
  return matches.length === 1 ? matches[0] : undefined;
}

export function commandNames(): string[] {
  return [...byName.keys()];
}

/**
 * null if `text` is a valid command string (every command known, flags right), else why
 * not: with the usage (for a config or a binding), or in tmux's parse-error words
 * (`command split-window: unknown flag -Q`, what a control client is told). Names in
 * `aliases` (command-alias items) are checked as what they stand for.
 */
export function checkCommandString(text: string, style: 'usage' | 'tmux' = 'usage', aliases: readonly string[] = []): string | null {
  let commands: string[][];
  try {
    commands = parseCommandString(text).flatMap((argv) => expandAlias(aliases, argv) ?? [argv]);
  } catch (err) {
    if (err instanceof CommandParseError) return err.message;
    throw err;
  }
  for (const [name, ...rest] of commands) {
    const def = findCommand(name!);
    if (!def) return `unknown command: ${name}${style === 'tmux' ? '' : didYouMean(name!, commandNames())}`;
    try {
      parseArgs(def.args, rest);
    } catch (err) {
      if (err instanceof UsageError) return style === 'tmux' ? `command ${def.name}: ${err.message}` : `${def.name}: ${err.message} (usage: ${def.name} ${def.usage})`;
      throw err;
    }
  }
  return null;
}
