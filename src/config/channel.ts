// One channel's meeting and output settings: the global ones with that channel's overrides on top.
import { GAVEL_TEXTS, MEETBOT_TEXTS, meetingConfig, withInfoUrl, type MeetingConfig } from '../core/config.js';
import { foldCase } from '../irc/channels.js';
import type { ChannelOverrides, GavelConfig, OutputConfig } from './types.js';

function overridesFor(cfg: GavelConfig, channel: string): ChannelOverrides {
  const k = foldCase(channel);
  for (const [name, o] of Object.entries(cfg.channels)) if (foldCase(name) === k) return o;
  return {};
}

/**
 * The MeetingConfig for meetings in `channel` (live, replies logged as the bot's lines). The runtime
 * may override `botNick` with the nick the bot actually has.
 */
export function channelMeetingConfig(cfg: GavelConfig, channel: string): MeetingConfig {
  const o = overridesFor(cfg, channel);
  const m = { ...cfg.meeting, ...o };
  return meetingConfig({
    channel,
    botNick: cfg.irc.nick,
    network: cfg.irc.network,
    timezone: o.timezone ?? cfg.output.timezone,
    urlPrefix: o.urlPrefix ?? cfg.output.urlPrefix,
    filePattern: m.filePattern,
    meetingLengthMinutes: m.meetingLengthMinutes,
    idleMinutes: m.idleMinutes,
    admins: m.admins,
    texts: withInfoUrl(m.wording === 'meetbot' ? MEETBOT_TEXTS : GAVEL_TEXTS, m.infoUrl),
    formats: m.formats,
    live: true,
  });
}

/** Where `channel`'s minutes go and how they are linked. */
export function channelOutput(cfg: GavelConfig, channel: string): OutputConfig {
  const o = overridesFor(cfg, channel);
  return {
    dir: o.dir ?? cfg.output.dir,
    urlPrefix: o.urlPrefix ?? cfg.output.urlPrefix,
    timezone: o.timezone ?? cfg.output.timezone,
    ...(cfg.output.site !== undefined ? { site: cfg.output.site } : {}),
  };
}
