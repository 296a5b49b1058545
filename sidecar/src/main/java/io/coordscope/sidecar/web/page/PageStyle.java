package io.coordscope.sidecar.web.page;

/** The status page's stylesheet (inline: the page is one self-contained response). */
final class PageStyle {

  static final String CSS = """
      :root{--bg:#f5f7fa;--card:#fff;--ink:#1d2733;--muted:#637083;--line:#e3e8ef;
        --ok:#1f9d55;--ok-bg:#e3f6ea;--warn:#b7791f;--warn-bg:#fdf3d8;--crit:#c53030;--crit-bg:#fde8e8;
        --unk:#718096;--unk-bg:#edf2f7;--accent:#2b6cb0}
      *{box-sizing:border-box}
      body{margin:0;background:var(--bg);color:var(--ink);
        font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
      header{background:#17202b;color:#fff;padding:14px 28px;display:flex;align-items:baseline;gap:16px}
      header h1{font-size:18px;margin:0;font-weight:600;letter-spacing:.2px}
      header .sub{color:#a9b6c6}
      header .meta{margin-left:auto;color:#a9b6c6;font-size:12px}
      main{max-width:1240px;margin:0 auto;padding:22px 28px 40px}
      h2{font-size:15px;margin:28px 0 10px;font-weight:600;color:#334155;text-transform:uppercase;letter-spacing:.6px}
      .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:14px}
      .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;
        box-shadow:0 1px 2px rgba(16,24,40,.04);border-top:4px solid var(--unk)}
      .card.OK{border-top-color:var(--ok)} .card.DEGRADED{border-top-color:var(--warn)}
      .card.CRITICAL{border-top-color:var(--crit)}
      .card .name{font-weight:600;font-size:15px;display:flex;justify-content:space-between;align-items:center;gap:8px}
      .card .name span.svc{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
      .score{font-size:38px;font-weight:700;line-height:1.1;margin:6px 0 2px;font-variant-numeric:tabular-nums}
      .score small{font-size:14px;color:var(--muted);font-weight:500}
      .why{color:var(--muted);font-size:12.5px;min-height:18px}
      .pill{display:inline-block;padding:1px 9px;border-radius:999px;font-size:11.5px;font-weight:600;
        letter-spacing:.3px;white-space:nowrap}
      .pill.OK,.pill.up,.pill.ok{background:var(--ok-bg);color:var(--ok)}
      .pill.DEGRADED,.pill.pending,.pill.warning{background:var(--warn-bg);color:var(--warn)}
      .pill.CRITICAL,.pill.firing,.pill.down,.pill.critical,.pill.out_of_range{background:var(--crit-bg);color:var(--crit)}
      .pill.UNKNOWN,.pill.unknown,.pill.unregistered,.pill.not_expected,.pill.missing{background:var(--unk-bg);color:var(--unk)}
      svg.spark{display:block;margin-top:10px;width:100%;height:48px;background:#fbfcfe;border-radius:6px}
      svg.spark polyline{fill:none;stroke:var(--accent);stroke-width:2;stroke-linejoin:round;
        vector-effect:non-scaling-stroke}
      svg.spark.CRITICAL polyline{stroke:var(--crit)} svg.spark.DEGRADED polyline{stroke:var(--warn)}
      svg.spark.OK polyline{stroke:var(--ok)}
      svg.spark .guide{stroke:#d5dce6;stroke-dasharray:3 3;vector-effect:non-scaling-stroke}
      table{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:10px;
        overflow:hidden}
      th,td{text-align:left;padding:8px 12px;border-bottom:1px solid var(--line);vertical-align:top}
      th{background:#f8fafc;color:var(--muted);font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.4px}
      tr:last-child td{border-bottom:0}
      .tbl{overflow-x:auto;border-radius:10px}
      td.who{max-width:260px;overflow-wrap:anywhere}
      td.capcol{max-width:240px;color:var(--muted);font-size:12.5px}
      td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      .bar{display:inline-block;width:48px;height:7px;background:var(--line);border-radius:4px;vertical-align:middle;
        margin-right:8px;overflow:hidden}
      .bar i{display:block;height:100%;background:var(--ok)}
      .bar i.mid{background:var(--warn)} .bar i.low{background:var(--crit)}
      .labels code,.err{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
      .labels code{background:#f1f5f9;border-radius:4px;padding:1px 5px;margin:0 4px 3px 0;display:inline-block;
        word-break:break-all}
      .err{color:var(--crit);word-break:break-all}
      .muted{color:var(--muted)}
      .empty{color:var(--muted);background:var(--card);border:1px dashed var(--line);border-radius:10px;padding:14px 16px}
      a{color:var(--accent);text-decoration:none} a:hover{text-decoration:underline}
      .note{margin-top:8px;color:var(--muted);font-size:12.5px}
      footer{margin-top:34px;color:var(--muted);font-size:12px}
      footer a{margin-right:12px}
      """;

  private PageStyle() {}
}
