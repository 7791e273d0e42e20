// The CLI's subcommands: name, synopsis, help and a lazy loader, so `gavel --help` loads nothing heavy.
import type { CliIo } from './io.js';

export interface CliCommand {
  readonly name: string;
  readonly synopsis: string;
  readonly summary: string;
  /** Full help: every option. */
  readonly help: string;
  readonly load: () => Promise<(argv: string[], io: CliIo) => Promise<number>>;
}

export const CLI_COMMANDS: readonly CliCommand[] = [
  {
    name: 'replay',
    synopsis: 'gavel replay FILE.log.txt… --out DIR [options]',
    summary: 'Replay MeetBot logs and write their minutes and logs.',
    help: `Usage: gavel replay FILE.log.txt… --out DIR [options]

Reads MeetBot raw logs and writes, for each, the four MeetBot files
  DIR/{channel}/{YYYY}/{channel}.{YYYY-MM-DD-HH.MM}.{log.txt,log.html,html,txt}
and Gavel's Markdown minutes (.md) and JSON export (.json) beside them, and
prints every path written. Channel and date come from a MeetBot file name
(channel.YYYY-MM-DD-HH.MM.log.txt) unless given.

Options:
  --out DIR            output folder (required)
  --url-prefix URL     prefix of the links in the minutes (default: none, relative)
  --tz ZONE            IANA time zone of the log's times (default: UTC)
  --date YYYY-MM-DD    the date of the log's first line (default: from the file name)
  --channel '#name'    the channel (default: from the file name)
  --wording gavel|meetbot
                       the generator line of the text minutes: Gavel's (default) or
                       MeetBot 0.1.4's, for byte-identical archives
  --formats LIST       the files to write, comma-separated (default: all):
                       log.txt, log.html, html, txt (MeetBot's), md, json
  --db FILE            also store the replayed meetings in this database
  -h, --help           this help

A file that cannot be read is reported on stderr and skipped; the others are
still written; the exit code is then 1. Lines that are not log lines are
reported with file and line number and skipped.`,
    load: async () => (await import('./replay.js')).replayMain,
  },
  {
    name: 'import',
    synopsis: 'gavel import PATH… --db FILE [options]',
    summary: 'Import MeetBot logs (files or folders) into the database.',
    help: `Usage: gavel import PATH… --db FILE [options]

Reads MeetBot raw logs (*.log.txt, folders searched recursively) into the
database, creating it if needed. A file already imported (same content) is
skipped. On a terminal a progress bar shows files, lines, rate and time left;
otherwise one summary line is printed at the end.

Options:
  --db FILE            the database (required)
  --url-prefix URL     prefix of the links in the minutes rendered later
  --tz ZONE            IANA time zone of the logs' times (default: UTC)
  --date YYYY-MM-DD    the date of the first line (default: from each file name)
  --channel '#name'    the channel (default: from each file name)
  --network NAME       the IRC network the meetings were on (default: irc)
  --wording gavel|meetbot
                       the generator line of the text minutes rendered later
  --formats LIST       the files rendered later (default: all six)
  -h, --help           this help

Files that cannot be imported are listed with the reason and skipped; the
others are imported; the exit code is then 1.`,
    load: async () => (await import('./import.js')).importMain,
  },
  {
    name: 'render',
    synopsis: "gavel render --db FILE --out DIR (--meeting ID | --channel '#c' | --all) [--url-prefix URL]",
    summary: 'Write the minutes and logs of stored meetings.',
    help: `Usage: gavel render --db FILE --out DIR (--meeting ID | --channel '#c' | --all) [options]

Writes the files of stored meetings (MeetBot's four, .md and .json), exactly
as gavel replay writes them for the same log, and prints every path written.

Options:
  --db FILE            the database (required)
  --out DIR            output folder (required)
  --meeting ID         one meeting (repeat for more; ids from gavel meetings)
  --channel '#name'    every meeting of a channel
  --all                every meeting
  --url-prefix URL     prefix of the links (default: the one the meeting was stored with)
  --formats LIST       the files to write (default: those the meeting was stored with,
                       else all): log.txt, log.html, html, txt, md, json
  -h, --help           this help`,
    load: async () => (await import('./render.js')).renderMain,
  },
  {
    name: 'search',
    synopsis: 'gavel search QUERY --db FILE [options]',
    summary: 'Search decisions, actions, items and log lines.',
    help: `Usage: gavel search QUERY --db FILE [options]

Full-text search over minutes items and log lines, best matches first. The
query takes words, "a phrase", prefixes (spec*), AND, OR, NOT and parentheses;
other punctuation inside a word is searched as written (runtime-spec).

Options:
  --db FILE            the database (required)
  --kind K1,K2         only these kinds: agreed, accepted, rejected, action, info,
                       idea, help, link, topic, vote, line (a log line)
  --channel '#name'    only this channel
  --name NAME          only meetings of this name (a meeting series)
  --nick NICK          only items or lines by this nick
  --since YYYY-MM-DD   only from this day on (UTC)
  --until YYYY-MM-DD   only up to and including this day (UTC)
  --limit N            at most N results (default 20)
  --offset N           skip the first N results (paging)
  --sort relevance|newest
                       relevance (default): best matches first, and among matches
                       about as good, the newest first; newest: by time only
  --json               print JSON: {query, offset, limit, more, partial, hits[]}
  -h, --help           this help`,
    load: async () => (await import('./search.js')).searchMain,
  },
  {
    name: 'meetings',
    synopsis: "gavel meetings --db FILE [--channel '#c'] [--json]",
    summary: 'List the stored meetings.',
    help: `Usage: gavel meetings --db FILE [--channel '#c'] [--json]

Lists stored meetings, oldest first: id, start (UTC), network, channel, name,
status and the path of their files.

Options:
  --db FILE            the database (required)
  --channel '#name'    only this channel
  --json               print JSON
  -h, --help           this help`,
    load: async () => (await import('./search.js')).meetingsMain,
  },
  {
    name: 'site',
    synopsis: 'gavel site --db FILE --out DIR [--url-prefix URL] [--title TEXT]',
    summary: 'Build (or update) the static website of every stored meeting.',
    help: `Usage: gavel site --db FILE --out DIR [--url-prefix URL] [--title TEXT]

Builds the website of every ended meeting in the database: a home page,
per channel and per meeting series (channel + meeting name) the meetings by
year, a latest page, decisions, open action items and Atom feeds, a search
page, and each meeting's four files at MeetBot's paths. Works from any web
server or opened from disk. A rebuild rewrites only the files that change.

Options:
  --db FILE            the database (required)
  --out DIR            the site folder (required)
  --url-prefix URL     where the site is published (absolute links in feeds)
  --title TEXT         the site's title (default: Meeting minutes)
  -h, --help           this help`,
    load: async () => (await import('./site.js')).siteMain,
  },
  {
    name: 'serve',
    synopsis: 'gavel serve --db FILE --site DIR [--host 127.0.0.1] [--port 8080]',
    summary: 'Serve the website and its search (JSON API) over HTTP.',
    help: `Usage: gavel serve --db FILE --site DIR [--host 127.0.0.1] [--port 8080]

Serves the site folder built by gavel site, and the search:
  GET /api/search?q=…[&kind=&channel=&name=&nick=&since=&until=&sort=&offset=&limit=]
  GET /api/meetings[?channel=&offset=&limit=]
  GET /api/meetings/ID
Bad parameters get a 400 with {"error": "…", "param": "…"}. Runs until
SIGINT or SIGTERM. Put it behind a reverse proxy for TLS.

Options:
  --db FILE            the database (required; opened read-only)
  --site DIR           the site folder (required)
  --host HOST          address to listen on (default: 127.0.0.1)
  --port PORT          port (default: 8080; 0 picks a free one)
  -h, --help           this help`,
    load: async () => (await import('./serve.js')).serveMain,
  },
  {
    name: 'run',
    synopsis: 'gavel run --config FILE',
    summary: 'Run the bot: join the configured channels and run meetings.',
    help: `Usage: gavel run --config FILE

Connects to the IRC server of the config file (YAML, see
config/gavel.example.yaml), joins its channels and runs meetings: every line
is stored in the database before the bot acts on it, meetings that were running
when the bot stopped are resumed, and at #endmeeting the minutes and logs are
written (and the website updated, if output.site is set). Logs one JSON object
a line on stderr. SIGTERM or SIGINT stops it cleanly (queued lines sent first).

Options:
  --config FILE        the configuration (required); npm start uses config/gavel.yaml
  -h, --help           this help`,
    load: async () => (await import('./run.js')).runMain,
  },
  {
    name: 'check',
    synopsis: 'gavel check --config FILE',
    summary: 'Validate a config file and try its IRC connection.',
    help: `Usage: gavel check --config FILE

Validates the configuration (every problem is named with its key and what was
expected), then connects to the IRC server, registers (and logs in with SASL
when configured) and disconnects. Exit code 0 when all is well, 1 when the
connection fails, 2 when the configuration is not valid.

Options:
  --config FILE        the configuration (required)
  -h, --help           this help`,
    load: async () => (await import('./run.js')).checkMain,
  },
  {
    name: 'commands',
    synopsis: 'gavel commands [--markdown]',
    summary: 'List the meeting commands said in the channel (#startmeeting, …).',
    help: `Usage: gavel commands [--markdown]

Lists the meeting commands, said in the channel during a meeting, from the
command table the bot itself uses: each with its arguments, who may use it
(anyone, chairs or admins) and what it does.

Options:
  --markdown           print the README's Markdown table instead
  -h, --help           this help`,
    load: async () => (await import('./meetingcommands.js')).commandsMain,
  },
];

export function findCliCommand(name: string): CliCommand | undefined {
  return CLI_COMMANDS.find((c) => c.name === name);
}
