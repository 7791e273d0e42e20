// The generated configs of the test IRC server (InspIRCd 3) and services (Atheme 7): loopback only, flood limits off.

export interface InspircdConfOptions {
  readonly dir: string;
  readonly port: number;
  readonly linkPort: number;
  readonly tlsPort: number | undefined;
  readonly services: boolean;
}

const LINK_PASSWORD = 'gavel-test-link';

export function inspircdConf(o: InspircdConfOptions): string {
  return `
<server name="irc.test" description="Gavel test server" network="GavelTest">
<admin name="test" nick="test" email="test@example.org">
<path configdir="${o.dir}" datadir="${o.dir}" logdir="${o.dir}">
<bind address="127.0.0.1" port="${o.port}" type="clients">
# Flood limits off: threshold/commandrate so high nothing is penalised, no fake lag, big queues,
# and many connections from 127.0.0.1.
<connect name="main" allow="*" timeout="20" pingfreq="120" hardsendq="64M" softsendq="64M" recvq="64M"
  threshold="1000000" commandrate="100000000" fakelag="no" localmax="1000" globalmax="1000"
  resolvehostnames="no" useident="no" limit="5000" maxchans="100">
<dns timeout="1">
<options prefixquit="Quit: " hostintopic="no">
<security hideserver="">
<performance softlimit="1024" somaxconn="128" netbuffersize="65536" quietbursts="yes">
<channels users="100" opers="100">
<module name="cap">
<module name="ircv3">
<module name="ircv3_servertime">
<module name="ircv3_accounttag">
<module name="services_account">
${o.tlsPort === undefined ? '' : tlsConf(o.dir, o.tlsPort)}
${o.services ? servicesConf(o.linkPort) : ''}
`;
}

function tlsConf(dir: string, port: number): string {
  return `
<module name="ssl_gnutls">
<sslprofile name="Clients" provider="gnutls" certfile="${dir}/cert.pem" keyfile="${dir}/key.pem" dhfile="" requestclientcert="no">
<bind address="127.0.0.1" port="${port}" type="clients" sslprofile="Clients">
`;
}

function servicesConf(linkPort: number): string {
  return `
<module name="sasl">
<module name="spanningtree">
<sasl target="services.test">
<bind address="127.0.0.1" port="${linkPort}" type="servers">
<link name="services.test" ipaddr="127.0.0.1" port="${linkPort}" allowmask="127.0.0.0/8" sendpass="${LINK_PASSWORD}" recvpass="${LINK_PASSWORD}" timeout="5">
<uline server="services.test" silent="yes">
`;
}

/** Atheme with NickServ (REGISTER/IDENTIFY) and SaslServ (PLAIN), no rate limits, relinking within a second. */
export function atheme(o: { linkPort: number }): string {
  return `
loadmodule "modules/protocol/inspircd";
loadmodule "modules/backend/opensex";
loadmodule "modules/crypto/posix";
loadmodule "modules/nickserv/main";
loadmodule "modules/nickserv/identify";
loadmodule "modules/nickserv/register";
loadmodule "modules/saslserv/main";
loadmodule "modules/saslserv/plain";
serverinfo {
  name = "services.test";
  desc = "Gavel test services";
  numeric = "00A";
  recontime = 1;
  netname = "GavelTest";
  hidehostsuffix = "users.test";
  adminname = "test";
  adminemail = "test@example.org";
  registeremail = "noreply@example.org";
  loglevel = { error; info; };
  maxlogins = 50;
  maxusers = 50;
  mdlimit = 30;
  emaillimit = 10;
  emailtime = 300;
  auth = none;
  casemapping = rfc1459;
};
uplink "irc.test" {
  host = "127.0.0.1";
  password = "${LINK_PASSWORD}";
  port = ${o.linkPort};
};
general {
  flood_msgs = 0;
  flood_time = 10;
  ratelimit_uses = 1000;
  ratelimit_period = 1;
  kline_time = 7;
  clone_time = 0;
  commit_interval = 5;
  default_clone_allowed = 1000;
  default_clone_warn = 1000;
  uplink_sendq_limit = 1048576;
  language = "en";
  immune_level = immune;
};
nickserv {
  nick = "NickServ";
  user = "NickServ";
  host = "services.test";
  real = "Nickname Services";
  maxnicks = 5;
  expire = 30;
};
saslserv {
  nick = "SaslServ";
  user = "SaslServ";
  host = "services.test";
  real = "SASL Authentication Agent";
};
`;
}
