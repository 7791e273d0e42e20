// What a command handler sees and may do during one step.
import type { Meeting } from './state.js';
import type { ChannelEnv, Item, ItemKind } from './types.js';

export interface CommandContext {
  /** The meeting as it is now, the command's own line already logged. */
  readonly m: Meeting;
  readonly nick: string;
  readonly account: string | undefined;
  readonly time: number;
  /** The log line number (`l-N`) of the command's line. */
  readonly line: number;
  readonly env: ChannelEnv;
  readonly isChair: boolean;
  update(patch: Partial<Meeting>): void;
  reply(text: string): void;
  /** An error to the sender: `nick: Error: text`. */
  error(text: string): void;
  /** Set the channel topic from the current and meeting topics. */
  showTopic(): void;
  addItem(kind: ItemKind, text: string, extra?: Partial<Item>): void;
  write(reason: 'save' | 'end'): void;
  end(reason: 'command' | 'idle'): void;
}
