// Gavel's search page: asks the Gavel server's api/search and shows the hits. Only same-origin requests;
// every piece of text from the server is put in the page as text (textContent), never parsed as HTML
// into the page; highlighted terms are <mark> elements built here.
(function () {
  'use strict';
  var PARAMS = ['q', 'kind', 'channel', 'name', 'nick', 'since', 'until'];
  var offline = document.getElementById('search-offline');
  var results = document.getElementById('results');
  var summary = document.getElementById('results-summary');
  var hitsList = document.getElementById('hits');
  var paging = document.getElementById('paging');
  var form = document.querySelector('form.search');
  if (!offline || !results || !summary || !hitsList || !paging || !form) return;

  var params = new URLSearchParams(window.location.search);
  PARAMS.forEach(function (name) {
    var field = form.elements.namedItem(name);
    var value = params.get(name);
    if (field && value !== null) field.value = value;
  });

  // Opened from disk: there is no server to ask, and the notice (shown by default) says how to get one.
  if (window.location.protocol !== 'http:' && window.location.protocol !== 'https:') return;
  offline.hidden = true;

  function showOffline(reason) {
    offline.hidden = false;
    results.hidden = true;
    if (reason) offline.setAttribute('data-reason', reason);
  }

  function apiUrl(query) {
    // Relative to this page, so a site published under a prefix (/meetings/) asks /meetings/api/search.
    return new URL('api/search?' + query.toString(), window.location.href).href;
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' }).then(function (res) {
      var type = res.headers.get('Content-Type') || '';
      if (type.indexOf('application/json') < 0) throw new Error('no search API here (HTTP ' + res.status + ')');
      return res.json().then(function (body) {
        if (!res.ok) throw new Error((body && body.error) || 'HTTP ' + res.status);
        return body;
      });
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function terms(q) {
    return q
      .split(/[^\p{L}\p{N}_-]+/u)
      .filter(function (t) { return t !== '' && t !== 'AND' && t !== 'OR' && t !== 'NOT'; })
      .map(function (t) { return t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); });
  }

  /** Text with the query's words wrapped in <mark>, built node by node. */
  function highlighted(parent, text, q) {
    var words = terms(q);
    if (words.length === 0) {
      parent.appendChild(document.createTextNode(text));
      return;
    }
    var re = new RegExp('(' + words.join('|') + ')', 'giu');
    text.split(re).forEach(function (piece, i) {
      if (piece === '') return;
      parent.appendChild(i % 2 === 1 ? el('mark', '', piece) : document.createTextNode(piece));
    });
  }

  /** The server's snippet: pieces of text, the matched ones marked; each becomes a text node or a <mark>. */
  function snippet(parent, parts) {
    parts.forEach(function (part) {
      var text = String(part && part.text || '');
      parent.appendChild(part && part.mark ? el('mark', '', text) : document.createTextNode(text));
    });
  }

  function safeHref(url) {
    try {
      var u = new URL(String(url), window.location.href);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
    } catch (e) {
      return undefined;
    }
  }

  function when(time) {
    var d = new Date(typeof time === 'number' ? time : String(time));
    return isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  }

  function renderHit(hit, q) {
    var li = el('li', 'hit');
    var head = el('p', 'hit-head');
    var kind = String(hit.kind || 'line');
    head.appendChild(el('span', 'badge k-' + kind.replace(/[^a-z]/g, ''), kind));
    var href = safeHref(hit.url);
    var title = String(hit.name || '') + (hit.channel ? ' · ' + String(hit.channel) : '');
    var link = href ? el('a', '', title) : el('span', '', title);
    if (href) link.href = href;
    head.appendChild(link);
    var t = el('span', 'meta', when(hit.time));
    head.appendChild(t);
    li.appendChild(head);
    var text = el('p', 'hit-text');
    if (Array.isArray(hit.snippet)) snippet(text, hit.snippet);
    else highlighted(text, String(hit.text || ''), q);
    li.appendChild(text);
    if (hit.nick) li.appendChild(el('p', 'meta', String(hit.nick)));
    return li;
  }

  function pageLink(label, offset, rel) {
    var p = new URLSearchParams(window.location.search);
    p.set('offset', String(offset));
    var a = el('a', '', label);
    a.href = 'search.html?' + p.toString();
    a.rel = rel;
    return a;
  }

  function render(body, q) {
    var hits = Array.isArray(body.hits) ? body.hits : [];
    var more = body.more === true;
    var offset = Number(body.offset) || 0;
    var limit = Number(body.limit) || hits.length;
    results.hidden = false;
    hitsList.textContent = '';
    paging.textContent = '';
    summary.textContent = hits.length === 0
      ? (offset === 0 ? 'Nothing found for “' + q + '”.' : 'No more results for “' + q + '”.')
      : 'Results ' + (offset + 1) + '–' + (offset + hits.length) + (more ? ', and more,' : '') + ' for “' + q + '”.';
    hits.forEach(function (hit) { hitsList.appendChild(renderHit(hit, q)); });
    if (offset > 0) paging.appendChild(pageLink('← Previous results', Math.max(0, offset - limit), 'prev'));
    if (more) paging.appendChild(pageLink('Next results →', offset + limit, 'next'));
  }

  var q = (params.get('q') || '').trim();
  var query = new URLSearchParams();
  PARAMS.concat(['offset', 'limit']).forEach(function (name) {
    var v = params.get(name);
    if (v !== null && v.trim() !== '') query.set(name, v.trim());
  });
  if (q === '') {
    // No query yet: check once that a server answers, so a plain file server says so before anyone types.
    getJson(apiUrl(new URLSearchParams({ q: 'gavel', limit: '1' }))).then(
      function (body) { if (!Array.isArray(body.hits)) showOffline('unexpected answer'); },
      function (err) { showOffline(String(err && err.message)); }
    );
    return;
  }
  summary.textContent = 'Searching…';
  results.hidden = false;
  getJson(apiUrl(query)).then(
    function (body) { render(body, q); },
    function (err) {
      if (String(err && err.message).indexOf('no search API') === 0 || err instanceof TypeError) showOffline(String(err.message));
      else {
        results.hidden = false;
        summary.textContent = 'The search failed: ' + String(err && err.message);
      }
    }
  );
})();
