// A fake IRC side for bot unit tests: records what the bot says and sets, answers topic and membership.
import type { BotIrc, BotLogger } from '../../src/bot/ports.js';

export class FakeIrc implements BotIrc {
  readonly said: string[] = [];
  readonly topics: string[] = [];
  readonly notices: string[] = [];
  channelTopic: string | undefined = 'the old topic';
  currentNick = 'gavel';
  joined = ['#test'];
  present = new Set<string>();

  say(target: string, text: string): void {
    this.said.push(`${target} ${text}`);
  }

  notice(target: string, text: string): void {
    this.notices.push(`${target} ${text}`);
  }

  setTopic(channel: string, text: string): void {
    this.topics.push(`${channel} ${text}`);
  }

  isInChannel(_channel: string, nick: string): boolean {
    return this.present.has(nick);
  }

  channels(): string[] {
    return [...this.joined];
  }

  topic(): string | undefined {
    return this.channelTopic;
  }
}

export class MemoryLogger implements BotLogger {
  readonly lines: { level: string; msg: string; fields?: Readonly<Record<string, unknown>> }[] = [];
  debug(msg: string, fields?: Readonly<Record<string, unknown>>): void {
    this.lines.push({ level: 'debug', msg, ...(fields ? { fields } : {}) });
  }
  info(msg: string, fields?: Readonly<Record<string, unknown>>): void {
    this.lines.push({ level: 'info', msg, ...(fields ? { fields } : {}) });
  }
  warn(msg: string, fields?: Readonly<Record<string, unknown>>): void {
    this.lines.push({ level: 'warn', msg, ...(fields ? { fields } : {}) });
  }
  error(msg: string, fields?: Readonly<Record<string, unknown>>): void {
    this.lines.push({ level: 'error', msg, ...(fields ? { fields } : {}) });
  }
}
