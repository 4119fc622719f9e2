// storyline report: renders the story index (one page at a time) and one story's detail from
// the embedded JSON. Input text is only ever set with textContent / createTextNode, never
// parsed as HTML. State lives in the URL fragment: #filter=word&sort=recent&page=2&story=ID.
(function () {
  "use strict";
  var el = document.getElementById("storyline-data");
  var list = document.getElementById("story-list");
  if (!el || !list) return;
  var DATA = JSON.parse(el.textContent);
  var STORIES = DATA.stories;
  var PAGE = 50;
  var SVGNS = "http://www.w3.org/2000/svg";
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var DAY = 86400000, HOUR = 3600000;
  var NAMES = DATA.outlets;
  var byId = Object.create(null);
  STORIES.forEach(function (s, i) {
    byId[s.id] = s;
    s.rank = i;
    s.outletNames = s.outlets.map(function (k) { return NAMES[k]; });
    s.hay = [s.id, s.label, s.headline].concat(s.outletNames).join("\n").toLowerCase();
  });

  // A story's rows are stored as arrays (see report/model.rs); this gives them names.
  function detailOf(st) {
    function sec(t) { return t == null ? null : t * 1000; }
    return {
      id: st.id, label: st.label, headline: st.headline, size: st.size,
      outlet_count: st.outlet_count, first: st.first, last: st.last, outlets: st.outletNames,
      timeline: st.timeline.map(function (r) {
        return {
          date: r[0], grain: r[1], start: r[2] == null ? null : r[2] * DAY,
          end: r[3] == null ? null : r[3] * DAY, event: r[4], articles: r[5], outlets: r[6],
          sources: r[7] ? r[7].split(" ") : [], first: sec(r[8]), expression: r[9], coverage: r[10]
        };
      }),
      articles: st.articles.map(function (r) {
        return { id: r[0], title: r[1], outlet: NAMES[r[2]], url: r[3], time: sec(r[4]), kind: r[5] };
      }),
      coverage: st.coverage.map(function (r) {
        return {
          outlet: NAMES[r[0]], articles: r[1], original: r[2], syndicated: r[3], share: r[4],
          first: sec(r[5]), lag_hours: r[6], events_reported: r[7], events_missed: r[8],
          terms: r[9] ? r[9].split("; ") : []
        };
      })
    };
  }
  var state = { filter: "", sort: "size", page: 1, story: null };
  var shown = null; // the story in the detail panel (the first one until one is chosen)

  // ---- small helpers -------------------------------------------------------------------
  function h(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function s(tag, attrs, text) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function fmtNum(n) { return Number(n).toLocaleString("en-US"); }
  function plural(n, one, many) { return fmtNum(n) + " " + (n === 1 ? one : many || one + "s"); }
  function day(t) { var d = new Date(t); return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear(); }
  function pad(n) { return n < 10 ? "0" + n : "" + n; }
  function clock(t) { var d = new Date(t); return pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()); }
  function dateTime(t) { return t == null ? "undated" : day(t) + ", " + clock(t); }
  function span(a, b) {
    if (a == null && b == null) return "undated";
    if (a == null || b == null) return day(a == null ? b : a);
    var x = new Date(a), y = new Date(b);
    if (x.getUTCFullYear() !== y.getUTCFullYear()) return day(a) + " – " + day(b);
    if (x.getUTCMonth() !== y.getUTCMonth())
      return x.getUTCDate() + " " + MONTHS[x.getUTCMonth()] + " – " + day(b);
    if (x.getUTCDate() !== y.getUTCDate()) return x.getUTCDate() + "–" + day(b);
    return day(a);
  }
  function entryDate(e) {
    if (e.start == null) return e.date || "undated";
    var d = new Date(e.start);
    switch (e.grain) {
      case "week": return "Week of " + day(e.start);
      case "month": return MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
      case "year": return String(d.getUTCFullYear());
      default: return day(e.start);
    }
  }
  // A delay behind the story's first report: "+18 s", "+4 min", "+2.4 h", "+3.1 d", "+7.1 y".
  function lag(hours) {
    if (hours == null) return "";
    if (hours === 0) return "first";
    return "+" + duration(hours * HOUR, true);
  }
  // A span of time, short ("18 s", "4 min", "2.4 h", "3.1 d", "7.1 y") or in words.
  function duration(ms, short) {
    var sec = ms / 1000, n, unit;
    if (sec < 59.5) { n = String(Math.round(sec)); unit = ["s", "second"]; }
    else if (sec < 3570) { n = String(Math.round(sec / 60)); unit = ["min", "minute"]; }
    else if (ms < 48 * HOUR) { n = (ms / HOUR).toFixed(1); unit = ["h", "hour"]; }
    else if (ms < 365 * DAY) { n = (ms / DAY).toFixed(1); unit = ["d", "day"]; }
    else { n = (ms / (365.25 * DAY)).toFixed(1); unit = ["y", "year"]; }
    return n + " " + (short ? unit[0] : unit[1] + (n === "1" ? "" : "s"));
  }
  // The note on an event's date: the words that dated it, or that its article's day did.
  function dateNote(e) {
    if (!e.expression) return null;
    if (e.expression === "(published)") return h("small", "by-published", "publication day");
    return h("small", null, "“" + e.expression + "”");
  }

  // ---- time axis -------------------------------------------------------------------------
  // Nice ticks for [t0, t1] (ms, UTC): at most `max` of them, on calendar boundaries.
  function ticks(t0, t1, max) {
    var range = t1 - t0;
    var steps = [
      ["n", 1], ["n", 2], ["n", 5], ["n", 10], ["n", 15], ["n", 30], ["h", 1], ["h", 3], ["h", 6], ["h", 12], ["d", 1], ["d", 2], ["w", 1], ["w", 2],
      ["m", 1], ["m", 2], ["m", 3], ["m", 6], ["y", 1], ["y", 2], ["y", 5], ["y", 10],
      ["y", 20], ["y", 50], ["y", 100]
    ];
    var approx = { n: 60000, h: HOUR, d: DAY, w: 7 * DAY, m: 30.44 * DAY, y: 365.25 * DAY };
    var step = steps[steps.length - 1];
    for (var i = 0; i < steps.length; i++) {
      if (range / (approx[steps[i][0]] * steps[i][1]) <= max) { step = steps[i]; break; }
    }
    var unit = step[0], k = step[1], out = [], t;
    if (unit === "n" || unit === "h" || unit === "d" || unit === "w") {
      var size = approx[unit] * k;
      var origin = unit === "w" ? 4 * DAY : 0; // 5 Jan 1970 was a Monday
      for (t = Math.ceil((t0 - origin) / size) * size + origin; t <= t1; t += size) out.push(t);
    } else if (unit === "m") {
      var d0 = new Date(t0), y = d0.getUTCFullYear(), m = d0.getUTCMonth();
      for (var n = 0; n < 2000; n++, m++) {
        t = Date.UTC(y, m, 1);
        if (t > t1) break;
        if (t >= t0 && (new Date(t).getUTCMonth()) % k === 0) out.push(t);
      }
    } else {
      var y0 = Math.ceil(new Date(t0).getUTCFullYear() / k) * k;
      for (var yy = y0; ; yy += k) {
        t = Date.UTC(yy, 0, 1);
        if (t < t0) continue;
        if (t > t1) break;
        out.push(t);
      }
    }
    var lastYear = null;
    return out.map(function (t) {
      var d = new Date(t), label;
      if (unit === "n" || unit === "h") label = (d.getUTCHours() === 0 ? d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] : clock(t));
      else if (unit === "d" || unit === "w") {
        label = d.getUTCDate() + " " + MONTHS[d.getUTCMonth()];
        if (d.getUTCFullYear() !== lastYear) label += " " + d.getUTCFullYear();
      } else if (unit === "m") label = d.getUTCMonth() === 0 || lastYear === null ? MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear() : MONTHS[d.getUTCMonth()];
      else label = String(d.getUTCFullYear());
      lastYear = d.getUTCFullYear();
      return { t: t, label: label };
    });
  }
  // Pads a domain so marks at its ends are not clipped, and gives a narrow one some width:
  // `min` ms around its middle when given, else a day when it is under an hour.
  function domain(lo, hi, min) {
    var want = min || (hi - lo < HOUR ? DAY : 0);
    if (hi - lo < want) { var mid = (lo + hi) / 2; lo = mid - want / 2; hi = mid + want / 2; }
    var p = (hi - lo) * 0.04;
    return [lo - p, hi + p];
  }
  function axis(svg, x, t0, t1, y, top, left, right, width) {
    svg.appendChild(s("line", { "class": "axis-line", x1: left, x2: right, y1: y, y2: y }));
    ticks(t0, t1, Math.max(2, Math.floor((right - left) / 80))).forEach(function (tk) {
      var px = x(tk.t);
      svg.appendChild(s("line", { "class": "grid", x1: px, x2: px, y1: top, y2: y }));
      svg.appendChild(s("line", { "class": "tick", x1: px, x2: px, y1: y, y2: y + 5 }));
      var anchor = px < left + 30 ? "start" : px > width - 30 ? "end" : "middle";
      svg.appendChild(s("text", { "class": "tick-label", x: px, y: y + 18, style: "text-anchor:" + anchor }, tk.label));
    });
  }

  // ---- index -----------------------------------------------------------------------------
  function matching() {
    var words = state.filter.toLowerCase().split(/\s+/).filter(Boolean);
    var rows = words.length ? STORIES.filter(function (st) {
      return words.every(function (w) { return st.hay.indexOf(w) >= 0; });
    }) : STORIES.slice();
    if (state.sort === "recent") {
      rows.sort(function (a, b) {
        var x = a.last == null ? -Infinity : a.last, y = b.last == null ? -Infinity : b.last;
        return y - x || a.rank - b.rank;
      });
    }
    return rows;
  }
  var maxSize = STORIES.reduce(function (m, st) { return Math.max(m, st.size); }, 1);

  function renderIndex() {
    var rows = matching();
    var pages = Math.max(1, Math.ceil(rows.length / PAGE));
    state.page = Math.min(Math.max(1, state.page), pages);
    var count = document.getElementById("story-count");
    count.setAttribute("data-count", rows.length);
    count.setAttribute("data-total", STORIES.length);
    count.textContent = rows.length === STORIES.length
      ? plural(STORIES.length, "story", "stories")
      : fmtNum(rows.length) + " of " + plural(STORIES.length, "story", "stories") + " match";
    document.querySelectorAll(".sort button").forEach(function (b) {
      b.classList.toggle("on", b.getAttribute("data-sort") === state.sort);
    });
    var input = document.getElementById("filter");
    if (input.value !== state.filter && document.activeElement !== input) input.value = state.filter;
    list.textContent = "";
    var from = (state.page - 1) * PAGE;
    rows.slice(from, from + PAGE).forEach(function (st) {
      var li = h("li", "story-row");
      li.setAttribute("data-story", st.id);
      li.tabIndex = 0;
      if (st.id === shown) li.classList.add("on");
      li.appendChild(h("div", "row-headline", st.headline || st.label || st.id));
      if (st.label && st.headline) li.appendChild(h("div", "row-label", st.label));
      var meta = h("div", "row-meta");
      var bar = h("span", "size-bar");
      bar.style.width = Math.max(3, Math.round(48 * st.size / maxSize)) + "px";
      meta.appendChild(bar);
      var size = h("span");
      size.appendChild(h("b", null, fmtNum(st.size)));
      size.appendChild(document.createTextNode(st.size === 1 ? " article" : " articles"));
      meta.appendChild(size);
      meta.appendChild(h("span", null, plural(st.outlet_count, "outlet")));
      meta.appendChild(h("span", "row-span", span(st.first, st.last)));
      li.appendChild(meta);
      if (st.outletNames.length) {
        li.appendChild(h("div", "row-outlets", st.outletNames.slice(0, 3).join(", ") +
          (st.outletNames.length > 3 ? " +" + (st.outletNames.length - 3) : "")));
      }
      list.appendChild(li);
    });
    if (!rows.length) {
      list.appendChild(h("li", "empty", STORIES.length ? "No story matches “" + state.filter + "”." : "stories.csv has no stories."));
    }
    var pager = document.getElementById("pager");
    pager.textContent = "";
    var prev = h("button", null, "← Previous");
    prev.type = "button"; prev.disabled = state.page <= 1;
    prev.addEventListener("click", function () { go({ page: state.page - 1 }); });
    var next = h("button", null, "Next →");
    next.type = "button"; next.disabled = state.page >= pages;
    next.addEventListener("click", function () { go({ page: state.page + 1 }); });
    var where = h("span", "where", rows.length
      ? fmtNum(from + 1) + "–" + fmtNum(Math.min(from + PAGE, rows.length)) + " of " + fmtNum(rows.length) + " · page " + state.page + " of " + pages
      : "");
    pager.appendChild(prev); pager.appendChild(where); pager.appendChild(next);
  }

  // ---- detail ----------------------------------------------------------------------------
  function timelineChart(st, width) {
    var entries = st.timeline.map(function (e, i) { return { e: e, i: i }; })
      .filter(function (x) { return x.e.start != null; });
    var svg = s("svg", { "class": "timeline-chart", role: "img", "aria-label": "Timeline of the story" });
    if (!entries.length) return null;
    var lo = Infinity, hi = -Infinity;
    entries.forEach(function (x) { lo = Math.min(lo, x.e.start); hi = Math.max(hi, x.e.end); });
    // At least two weeks across, so that a single day reads as a point in time.
    if (hi - lo < 14 * DAY) { var mid = (lo + hi) / 2; lo = mid - 7 * DAY; hi = mid + 7 * DAY; }
    var dom = domain(lo, hi), left = 14, right = width - 14;
    var x = function (t) { return left + (t - dom[0]) / (dom[1] - dom[0]) * (right - left); };
    // The numbered mark sits where its day or period begins, on that date's tick (a week,
    // month or year runs on as a bar to its right), so the numbers read left to right. Marks that would
    // overlap go to further lanes, stacked up from the axis, so that a day with many events
    // stands as a column; many events make lanes and marks smaller.
    var maxLanes = 40, scale = entries.length > 24 ? 0.62 : entries.length > 10 ? 0.8 : 1;
    var lanes = [];
    entries.forEach(function (x0) {
      var e = x0.e, r = (8 + 8 * Math.sqrt(e.coverage)) * scale;
      var a = x(e.start), b = x(e.end), c = a;
      x0.r = r; x0.a = a; x0.b = b; x0.c = c;
      var l0 = Math.min(a, c - r) - 3, l1 = Math.max(b, c + r) + 3, lane = -1;
      for (var i = 0; i < lanes.length; i++) if (lanes[i] <= l0) { lane = i; break; }
      if (lane < 0 && lanes.length < maxLanes) { lane = lanes.length; lanes.push(0); }
      if (lane < 0) { lane = 0; for (var j = 1; j < lanes.length; j++) if (lanes[j] < lanes[lane]) lane = j; }
      lanes[lane] = Math.max(lanes[lane], l1); x0.lane = lane;
    });
    // Lanes share about 280 px; marks shrink to fit their lane.
    var laneH = Math.max(12, Math.min(34 * scale, 280 / lanes.length));
    entries.forEach(function (x0) { x0.r = Math.min(x0.r, laneH / 2 - 1); });
    var top = 8, axisY = top + lanes.length * laneH + 6, height = axisY + 26;
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    axis(svg, x, dom[0], dom[1], axisY, top, left, right, width);
    entries.forEach(function (x0) {
      var e = x0.e, cy = top + (lanes.length - 1 - x0.lane) * laneH + laneH / 2;
      var g = s("g", { "class": "tl-mark", "data-entry": x0.i, tabindex: 0 });
      g.appendChild(s("title", {}, entryDate(e) + " — " + e.event +
        "\nReported by " + plural(e.articles, "article") + " from " + plural(e.outlets, "outlet") +
        " (" + Math.round(e.coverage * 100) + "% of the story)" +
        (e.sources.length ? "\nSources: " + e.sources.join(" ") : "")));
      var bh = Math.min(8, x0.r);
      if (x0.b - x0.a > x0.r) g.appendChild(s("rect", { "class": "tl-span", x: x0.a, y: cy - bh / 2, width: x0.b - x0.a, height: bh, rx: bh / 2 }));
      g.appendChild(s("circle", { cx: x0.c, cy: cy, r: x0.r }));
      var fs = Math.min(10, Math.round(x0.r * 1.1));
      if (fs >= 6) g.appendChild(s("text", { x: x0.c, y: cy + fs * 0.35, style: "font-size:" + fs + "px" }, x0.i + 1));
      g.addEventListener("click", function () { highlight(x0.i, true); });
      g.addEventListener("keydown", function (ev) { if (ev.key === "Enter") highlight(x0.i, true); });
      svg.appendChild(g);
    });
    return svg;
  }

  function highlight(i, scroll) {
    document.querySelectorAll(".tl-mark.on, .event.on").forEach(function (n) { n.classList.remove("on"); });
    document.querySelectorAll('[data-entry="' + i + '"]').forEach(function (n) {
      n.classList.add("on");
      if (scroll && n.classList.contains("event")) n.scrollIntoView({ block: "nearest", behavior: "smooth" });
    });
  }

  function eventList(st, arts) {
    var ol = h("ol", "events");
    st.timeline.forEach(function (e, i) {
      var li = h("li", "event");
      li.setAttribute("data-entry", i);
      li.appendChild(h("span", "num-badge", i + 1));
      var when = h("div", "when", entryDate(e));
      var note = dateNote(e);
      if (note) when.appendChild(note);
      li.appendChild(when);
      var what = h("div", "what");
      what.appendChild(h("div", null, e.event));
      var d = h("details");
      var sum = h("summary");
      sum.appendChild(document.createTextNode(plural(e.articles, "article") + " · " + plural(e.outlets, "outlet")));
      var cov = h("span", "cov"); var fill = h("i"); fill.style.width = Math.round(e.coverage * 100) + "%"; cov.appendChild(fill);
      sum.appendChild(cov);
      sum.appendChild(document.createTextNode(Math.round(e.coverage * 100) + "% of the story" + (e.first != null ? " · first reported " + dateTime(e.first) : "")));
      d.appendChild(sum);
      var ul = h("ul");
      e.sources.forEach(function (id) {
        var a = arts[id], item = h("li");
        if (a) {
          item.appendChild(h("b", null, a.outlet || "(unknown outlet)"));
          item.appendChild(document.createTextNode(" · "));
          item.appendChild(link(a));
        } else item.textContent = id;
        ul.appendChild(item);
      });
      d.appendChild(ul);
      what.appendChild(d);
      li.appendChild(what);
      li.addEventListener("mouseenter", function () { highlight(i, false); });
      ol.appendChild(li);
    });
    return ol;
  }

  function link(a) {
    var title = a.title || a.id;
    if (!a.url) return h("span", "title", title);
    var l = h("a", "title", title);
    l.href = a.url; // http(s) only: checked when the report was built
    l.target = "_blank"; l.rel = "noopener noreferrer";
    return l;
  }

  // Outlets down, time across: every article a dot, each outlet's first report ringed,
  // the story's first report in orange.
  function outletChart(st, rows, width) {
    var times = {};
    st.articles.forEach(function (a) {
      if (a.time == null) return;
      var k = a.outlet || "(unknown)";
      (times[k] = times[k] || []).push(a.time);
    });
    var shown = rows.filter(function (r) { return r.first != null || (times[r.outlet] || []).length; }).slice(0, 30);
    if (!shown.length) return null;
    var lo = Infinity, hi = -Infinity;
    shown.forEach(function (r) {
      (times[r.outlet] || []).concat(r.first != null ? [r.first] : []).forEach(function (t) { lo = Math.min(lo, t); hi = Math.max(hi, t); });
    });
    // At least ten minutes across: reports seconds apart stay together rather than spread out.
    var dom = domain(lo, hi, 10 * 60000), left = Math.min(190, width * 0.28), right = width - 64, rowH = 24, top = 6;
    var x = function (t) { return left + (t - dom[0]) / (dom[1] - dom[0]) * (right - left); };
    var axisY = top + shown.length * rowH + 4, height = axisY + 26;
    var svg = s("svg", { "class": "outlet-chart", viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "Who reported when" });
    axis(svg, x, dom[0], dom[1], axisY, top, left, right, width);
    var storyFirst = Infinity;
    shown.forEach(function (r) { if (r.first != null) storyFirst = Math.min(storyFirst, r.first); });
    shown.forEach(function (r, i) {
      var cy = top + i * rowH + rowH / 2, ts = (times[r.outlet] || []).slice().sort(function (a, b) { return a - b; });
      var g = s("g", { "class": "ow-row", "data-outlet": r.outlet });
      var name = r.outlet.length > 26 ? r.outlet.slice(0, 25) + "…" : r.outlet;
      var label = s("text", { "class": "ow-row-label", x: left - 10, y: cy + 4 }, name);
      label.appendChild(s("title", {}, r.outlet));
      g.appendChild(label);
      g.appendChild(s("line", { "class": "ow-guide", x1: left, x2: right, y1: cy, y2: cy }));
      if (ts.length > 1) g.appendChild(s("line", { "class": "ow-range", x1: x(ts[0]), x2: x(ts[ts.length - 1]), y1: cy, y2: cy }));
      ts.forEach(function (t) {
        var dot = s("circle", { "class": "ow-dot", cx: x(t), cy: cy, r: 4 });
        dot.appendChild(s("title", {}, r.outlet + " · " + dateTime(t)));
        g.appendChild(dot);
      });
      var first = r.first != null ? r.first : ts[0];
      var isFirst = first === storyFirst;
      if (first != null) {
        var ring = s("circle", { "class": "ow-first" + (isFirst ? " story-first" : ""), cx: x(first), cy: cy, r: 6.5 });
        ring.appendChild(s("title", {}, r.outlet + " first reported " + dateTime(first) + (r.lag_hours != null ? " (" + lag(r.lag_hours) + ")" : "")));
        g.appendChild(ring);
      }
      g.appendChild(s("text", { "class": "ow-lag" + (isFirst ? " story-first" : ""), x: right + 10, y: cy + 4 }, isFirst ? "first" : lag(r.lag_hours)));
      svg.appendChild(g);
    });
    return svg;
  }

  function coverageRows(st) {
    if (st.coverage.length) {
      var rows = st.coverage.slice().sort(function (a, b) {
        var x = a.first == null ? Infinity : a.first, y = b.first == null ? Infinity : b.first;
        return x - y || b.articles - a.articles || (a.outlet < b.outlet ? -1 : 1);
      });
      // Lags from the first reports, to the second (outlets.csv rounds them to 0.001 h).
      var t0 = rows.length ? rows[0].first : null;
      if (t0 != null) rows.forEach(function (r) { if (r.first != null) r.lag_hours = (r.first - t0) / HOUR; });
      return rows;
    }
    // No outlets table: derive outlet, articles and first report from the articles.
    var by = {}, order = [];
    st.articles.forEach(function (a) {
      var k = a.outlet || "(unknown)";
      if (!by[k]) { by[k] = { outlet: k, articles: 0, first: null, terms: [] }; order.push(by[k]); }
      by[k].articles++;
      if (a.time != null && (by[k].first == null || a.time < by[k].first)) by[k].first = a.time;
    });
    var first = Math.min.apply(null, order.map(function (r) { return r.first == null ? Infinity : r.first; }));
    order.forEach(function (r) { r.lag_hours = r.first == null ? null : (r.first - first) / HOUR; });
    return order.sort(function (a, b) { return (a.first == null ? Infinity : a.first) - (b.first == null ? Infinity : b.first); });
  }

  function outletTable(rows) {
    var wrap = h("div", "table-wrap"), t = h("table", "story-outlets");
    var head = h("tr");
    ["Outlet", "Articles", "Share", "First report", "Lag", "Events", "Distinctive terms"].forEach(function (c, i) {
      head.appendChild(h("th", i > 0 && i < 6 ? "num" : null, c));
    });
    var thead = h("thead"); thead.appendChild(head); t.appendChild(thead);
    var body = h("tbody");
    rows.forEach(function (r) {
      var tr = h("tr");
      tr.appendChild(h("td", "outlet-name", r.outlet));
      tr.appendChild(h("td", "num", fmtNum(r.articles) + (r.syndicated ? " (" + r.syndicated + " copied)" : "")));
      tr.appendChild(h("td", "num", r.share != null ? Math.round(r.share * 100) + "%" : "–"));
      tr.appendChild(h("td", "num", r.first != null ? dateTime(r.first) : "–"));
      tr.appendChild(h("td", "num", r.lag_hours != null ? lag(r.lag_hours) : "–"));
      tr.appendChild(h("td", "num", r.events_reported != null ? r.events_reported + " of " + (r.events_reported + r.events_missed) : "–"));
      var terms = h("td");
      (r.terms || []).forEach(function (w) { terms.appendChild(h("span", "chip term", w)); });
      tr.appendChild(terms);
      body.appendChild(tr);
    });
    t.appendChild(body); wrap.appendChild(t);
    return wrap;
  }

  function articleList(st) {
    var ol = h("ol", "articles"), shown = 100;
    function fill(n) {
      ol.textContent = "";
      st.articles.slice(0, n).forEach(function (a) {
        var li = h("li");
        li.setAttribute("data-article", a.id);
        li.appendChild(h("span", "t", dateTime(a.time)));
        li.appendChild(h("span", "o", a.outlet || "(unknown outlet)"));
        var t = h("span");
        t.appendChild(link(a));
        if (a.kind && a.kind !== "article") t.appendChild(h("span", "kind", a.kind === "duplicate" ? "copy" : a.kind));
        li.appendChild(t);
        ol.appendChild(li);
      });
    }
    fill(shown);
    var box = h("div"); box.appendChild(ol);
    if (st.articles.length > shown) {
      var more = h("button", "more", "Show all " + fmtNum(st.articles.length) + " articles");
      more.type = "button";
      more.addEventListener("click", function () { fill(st.articles.length); more.remove(); });
      box.appendChild(more);
    }
    return box;
  }

  // A caption when every dated event of a story falls on one date (a column on the chart).
  function sameDate(timeline) {
    var dated = timeline.filter(function (e) { return e.start != null; });
    if (dated.length < 2) return null;
    for (var i = 1; i < dated.length; i++) {
      if (dated[i].start !== dated[0].start || dated[i].end !== dated[0].end) return null;
    }
    var published = dated.every(function (e) { return e.expression === "(published)"; });
    return h("p", "caption tl-same-date", "All " + fmtNum(dated.length) + " events are dated " + entryDate(dated[0]) +
      (published ? ", the day their articles were published: their text gives no other date." : "."));
  }

  // A note when the publication times cannot tell who reported first: there are none, or
  // every report came within ten minutes of the first.
  function whenNote(st, rows) {
    if (!rows.length) return null;
    var times = st.articles.map(function (a) { return a.time; })
      .concat(rows.map(function (r) { return r.first; }))
      .filter(function (t) { return t != null; });
    if (!times.length) {
      return h("p", "caption no-dates", "No article of this story has a publication date, so when each outlet reported it is not known.");
    }
    var outlets = rows.filter(function (r) { return r.first != null; }).length;
    var lo = Math.min.apply(null, times), hi = Math.max.apply(null, times);
    if (outlets < 2 || hi - lo > 10 * 60000) return null;
    var dated = st.articles.filter(function (a) { return a.time != null; }).length || outlets;
    return h("p", "note same-time", "All " + fmtNum(dated) + " dated reports came within " +
      (hi === lo ? "the same second" : duration(hi - lo, false) + " of each other") + " (" + dateTime(lo) +
      " UTC): too close together to say which outlet reported first.");
  }

  // Scrolls the index list (not the page) to the row of the story shown.
  function revealRow() {
    var row = list.querySelector(".story-row.on");
    if (row && (row.offsetTop < list.scrollTop || row.offsetTop + row.offsetHeight > list.scrollTop + list.clientHeight)) {
      list.scrollTop = row.offsetTop - 8; // the list is positioned: offsets are its own
    }
  }

  function renderDetail() {
    var box = document.getElementById("detail");
    var st = state.story != null && byId[state.story] ? detailOf(byId[state.story]) : null;
    if (!st) return;
    shown = st.id;
    document.querySelectorAll(".story-row").forEach(function (r) {
      r.classList.toggle("on", r.getAttribute("data-story") === shown);
    });
    box.textContent = "";
    box.setAttribute("data-story", st.id);
    var width = Math.max(480, Math.floor(box.clientWidth - 42));
    box.appendChild(h("div", "kicker", st.label || "Story"));
    box.appendChild(h("h2", null, st.headline || st.label || st.id));
    var meta = h("p", "meta", plural(st.size, "article") + " · " + plural(st.outlet_count, "outlet") + " · " +
      (st.first == null && st.last == null ? "no publication dates" : span(st.first, st.last)) + " · ");
    meta.appendChild(h("code", "story-id", st.id));
    box.appendChild(meta);
    var chips = h("div", "outlet-chips");
    st.outlets.slice(0, 12).forEach(function (o) { chips.appendChild(h("span", "chip", o)); });
    if (st.outlets.length > 12) chips.appendChild(h("span", "chip", "+" + (st.outlets.length - 12) + " more"));
    box.appendChild(chips);
    var arts = {};
    st.articles.forEach(function (a) { arts[a.id] = a; });

    box.appendChild(h("h3", null, "Timeline"));
    if (!DATA.has.timeline) box.appendChild(h("p", "note", "No timeline.csv in this folder: the timeline is left out."));
    else if (!st.timeline.length) box.appendChild(h("p", "caption", "No dated events were found for this story."));
    else {
      box.appendChild(h("p", "caption", "One mark per event, placed at the date it happened, larger when more of the story's articles report it. Hover a mark for the event; click it to find it below."));
      var tl = timelineChart(st, width);
      if (tl) box.appendChild(tl);
      var same = sameDate(st.timeline);
      if (same) box.appendChild(same);
      box.appendChild(eventList(st, arts));
    }

    box.appendChild(h("h3", null, "Who reported when"));
    box.appendChild(h("p", "caption", "Outlets in the order they first reported the story; times in UTC."));
    var rows = coverageRows(st);
    if (!DATA.has.outlets) box.appendChild(h("p", "note", "No outlets.csv in this folder: lags and distinctive terms are left out."));
    var when = whenNote(st, rows);
    if (when) box.appendChild(when);
    var chart = outletChart(st, rows, width);
    if (chart) {
      var legend = h("div", "legend");
      [["#1f5fae", "an article"], ["#fff", "the outlet's first report"], ["#d2461a", "the story's first report"]].forEach(function (l, i) {
        var item = h("span"), dot = h("i");
        dot.style.background = l[0];
        if (i === 1) dot.style.border = "2px solid #1f5fae";
        item.appendChild(dot); item.appendChild(document.createTextNode(l[1]));
        legend.appendChild(item);
      });
      box.appendChild(legend);
      box.appendChild(chart);
      var drawn = chart.querySelectorAll(".ow-row").length, dated = rows.filter(function (r) { return r.first != null; }).length;
      if (dated > drawn) box.appendChild(h("p", "caption chart-more", "The chart shows the first " + drawn + " of " + fmtNum(dated) + " outlets; the table lists them all."));
    }
    if (rows.length) box.appendChild(outletTable(rows));
    else box.appendChild(h("p", "caption", "No outlet data for this story."));

    box.appendChild(h("h3", null, "Articles"));
    if (!DATA.has.articles) box.appendChild(h("p", "note", "No articles.csv in this folder: the article list is left out."));
    else if (!st.articles.length) box.appendChild(h("p", "caption", "No articles of this story in articles.csv."));
    else box.appendChild(articleList(st));
  }

  // ---- state <-> URL fragment ------------------------------------------------------------
  function readHash() {
    var raw = location.hash.replace(/^#/, "");
    if (raw.indexOf("=") < 0) return false; // a plain anchor such as #corpus
    var p = new URLSearchParams(raw);
    state.filter = p.get("filter") || "";
    state.sort = p.get("sort") === "recent" ? "recent" : "size";
    state.page = parseInt(p.get("page"), 10) || 1;
    state.story = p.has("story") ? p.get("story") : null;
    return true;
  }
  function writeHash() {
    var p = new URLSearchParams();
    if (state.filter) p.set("filter", state.filter);
    if (state.sort !== "size") p.set("sort", state.sort);
    if (state.page > 1) p.set("page", state.page);
    if (state.story != null) p.set("story", state.story);
    var str = p.toString();
    history.replaceState(null, "", str ? "#" + str : location.pathname + location.search);
  }
  function go(change) {
    var storyChanged = "story" in change && change.story !== state.story;
    for (var k in change) if (Object.prototype.hasOwnProperty.call(change, k)) state[k] = change[k];
    renderIndex();
    if (storyChanged) renderDetail();
    writeHash();
  }

  var timer = null;
  document.getElementById("filter").addEventListener("input", function (ev) {
    var v = ev.target.value;
    clearTimeout(timer);
    timer = setTimeout(function () { go({ filter: v, page: 1 }); }, 120);
  });
  document.querySelectorAll(".sort button").forEach(function (b) {
    b.addEventListener("click", function () { go({ sort: b.getAttribute("data-sort"), page: 1 }); });
  });
  function openRow(ev) {
    var row = ev.target.closest(".story-row");
    if (!row) return;
    go({ story: row.getAttribute("data-story") });
    if (window.matchMedia("(max-width: 1000px)").matches) document.getElementById("detail").scrollIntoView({ behavior: "smooth" });
  }
  list.addEventListener("click", openRow);
  list.addEventListener("keydown", function (ev) { if (ev.key === "Enter") openRow(ev); });
  window.addEventListener("hashchange", function () {
    if (readHash()) {
      renderIndex(); renderDetail(); revealRow();
      if (state.story != null) document.getElementById("stories").scrollIntoView();
    }
  });

  readHash();
  renderIndex();
  if (state.story == null || !byId[state.story]) {
    // Show the first story of the page without putting it in the URL.
    var first = list.querySelector(".story-row");
    if (first) { state.story = first.getAttribute("data-story"); renderDetail(); state.story = null; }
  } else { renderDetail(); revealRow(); }
})();
