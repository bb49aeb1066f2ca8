// The element's CSS (adopted into its shadow root). Theme it from the host page with --hk-* custom properties, e.g.
//   helpdesk-kpi-dashboard { --hk-accent: #0a7d5a; --hk-font: "Inter", sans-serif; --hk-radius: 4px; }
export const CSS = `
:host{display:block;contain:content}
:host([hidden]){display:none}
.hk{
  --_bg:var(--hk-bg,#f4f6fa);--_surface:var(--hk-surface,#fff);--_fg:var(--hk-fg,#1c2333);--_muted:var(--hk-muted,#5d6678);
  --_border:var(--hk-border,#dde2ea);--_accent:var(--hk-accent,#3056d3);--_accent-fg:var(--hk-accent-fg,#fff);
  --_accent-soft:var(--hk-accent-soft,#e8edfc);--_good:var(--hk-good,#15803d);--_bad:var(--hk-bad,#c2410c);
  --_radius:var(--hk-radius,10px);--_shadow:var(--hk-shadow,0 1px 2px rgba(16,24,40,.06),0 1px 3px rgba(16,24,40,.08));
  --_c1:var(--hk-chart-1,#3056d3);--_c2:var(--hk-chart-2,#14a38b);--_c3:var(--hk-chart-3,#f59e0b);--_c4:var(--hk-chart-4,#8b5cf6);
  --_c5:var(--hk-chart-5,#ec4899);--_c6:var(--hk-chart-6,#0ea5e9);--_c7:var(--hk-chart-7,#64748b);--_c8:var(--hk-chart-8,#a3a3a3);
  font-family:var(--hk-font,system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",Roboto,sans-serif);
  font-size:var(--hk-font-size,14px);line-height:1.4;color:var(--_fg);background:var(--_bg);
  padding:var(--hk-padding,16px 20px 24px);text-align:left;letter-spacing:normal;font-weight:400;font-style:normal;
}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
button,select,input,textarea{font:inherit;color:inherit}
button{cursor:pointer}
.btn{display:inline-flex;align-items:center;gap:6px;border:1px solid var(--_border);background:var(--_surface);color:var(--_fg);
  border-radius:8px;padding:6px 12px;line-height:1.2;font-size:13px;white-space:nowrap}
.btn:hover{border-color:var(--_accent);color:var(--_accent)}
.btn.primary{background:var(--_accent);border-color:var(--_accent);color:var(--_accent-fg)}
.btn.primary:hover{filter:brightness(1.08);color:var(--_accent-fg)}
.btn.small{padding:3px 8px;font-size:12px;border-radius:6px}
.btn:focus-visible,select:focus-visible,input:focus-visible,summary:focus-visible,.drop:focus-visible{outline:2px solid var(--_accent);outline-offset:2px}
header.top{display:flex;align-items:center;gap:16px;margin-bottom:14px}
.brand{display:flex;align-items:center;gap:10px;min-width:0}
.logo{width:30px;height:30px;border-radius:8px;background:var(--_accent);display:grid;place-items:center;flex:none}
.logo svg{width:18px;height:18px}
h1{font-size:19px;margin:0;font-weight:650;letter-spacing:-.01em}
.privacy{color:var(--_muted);font-size:12px;display:flex;align-items:center;gap:5px}
.top .actions{margin-left:auto;display:flex;gap:8px;align-items:center}
.top select{border:1px solid var(--_border);border-radius:8px;padding:5px 8px;background:var(--_surface)}
.card{background:var(--_surface);border:1px solid var(--_border);border-radius:var(--_radius);box-shadow:var(--_shadow)}
.loader{padding:14px;margin-bottom:14px}
.drop{border:2px dashed var(--_border);border-radius:calc(var(--_radius) - 2px);padding:26px 16px;text-align:center;
  transition:background .15s,border-color .15s;display:flex;flex-direction:column;align-items:center;gap:8px}
.drop.over{border-color:var(--_accent);background:var(--_accent-soft)}
.drop .big{font-size:16px;font-weight:600}
.drop .hint{color:var(--_muted);font-size:12.5px;margin:0;max-width:640px}
.drop .row{display:flex;gap:8px;align-items:center;color:var(--_muted)}
.loaded .drop{flex-direction:row;justify-content:flex-start;padding:8px 12px;gap:10px;text-align:left;flex-wrap:wrap}
.loaded .drop .big{font-size:14px}
.loaded .drop .hint,.loaded .drop .or-text{display:none}
.file-input{position:absolute;width:1px;height:1px;opacity:0;overflow:hidden}
.summary-line{font-weight:600}
.summary-files{color:var(--_muted);font-size:12.5px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:520px}
.samples{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin-top:10px;color:var(--_muted);font-size:13px}
.loaded .samples{margin-top:8px}
.progress{display:flex;align-items:center;gap:12px;margin-top:12px}
.track-outer{flex:1;height:8px;background:var(--_accent-soft);border-radius:99px;overflow:hidden}
.track-inner{height:100%;width:0;background:var(--_accent);border-radius:99px;transition:width .1s}
.progress .ptext{font-size:12.5px;color:var(--_muted);min-width:200px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.messages{display:flex;flex-direction:column;gap:8px;margin-top:10px}
.messages:empty{display:none}
.msg{border-radius:8px;padding:9px 12px;font-size:13px;display:flex;gap:10px;align-items:flex-start;border:1px solid}
.msg.error{background:#fff3ef;border-color:#f6c7b4;color:#8a2c0c}
.msg.info{background:var(--_accent-soft);border-color:transparent;color:var(--_fg)}
.msg .text{flex:1;white-space:pre-wrap;word-break:break-word}
.msg .close{border:0;background:none;color:inherit;opacity:.7;font-size:16px;line-height:1;padding:0 2px}
details.settings{margin-top:10px;border-top:1px solid var(--_border);padding-top:8px}
details.settings>summary{cursor:pointer;color:var(--_muted);font-size:13px;list-style:none;display:inline-flex;gap:6px;align-items:center}
details.settings>summary::before{content:'⚙'}
details.settings[open]>summary{color:var(--_fg);font-weight:600}
.settings-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:12px 20px;margin-top:10px}
fieldset{border:1px solid var(--_border);border-radius:8px;padding:8px 12px 10px;margin:0;min-width:0}
legend{font-size:12px;font-weight:600;color:var(--_muted);padding:0 4px}
.field{display:flex;flex-direction:column;gap:3px;font-size:12.5px;margin-top:6px;color:var(--_muted)}
.field input,.field select,.field textarea{border:1px solid var(--_border);border-radius:6px;padding:5px 7px;background:var(--_surface);color:var(--_fg);min-width:0}
.field textarea{min-height:46px;resize:vertical}
.days{display:flex;gap:4px;flex-wrap:wrap;margin-top:4px}
.days label{display:flex;gap:3px;align-items:center;font-size:12px;color:var(--_fg)}
.inline{display:flex;gap:8px}
.inline .field{flex:1;min-width:0}
.field input,.field select{width:100%}
.check{display:flex;gap:6px;align-items:center;font-size:12.5px;color:var(--_fg);margin-top:4px}
.settings-actions{display:flex;gap:12px;align-items:center;margin-top:12px}
.settings-actions .note{color:var(--_muted);font-size:12px}
.toolbar{display:flex;flex-wrap:wrap;align-items:center;gap:10px 14px;padding:10px 14px;margin-bottom:14px;position:relative;z-index:2}
.toolbar .group{display:flex;align-items:center;gap:6px;font-size:13px;color:var(--_muted)}
.toolbar input[type=date]{border:1px solid var(--_border);border-radius:6px;padding:4px 6px;background:var(--_surface);color:var(--_fg)}
.toolbar .sep{width:1px;align-self:stretch;background:var(--_border)}
.toolbar .compare{color:var(--_muted);font-size:12px}
.toolbar .spacer{flex:1}
details.ms{position:relative}
details.ms>summary{list-style:none;cursor:pointer;border:1px solid var(--_border);border-radius:8px;padding:5px 10px;font-size:13px;
  display:flex;gap:6px;align-items:center;background:var(--_surface);user-select:none}
details.ms>summary::-webkit-details-marker{display:none}
details.ms>summary::after{content:'▾';color:var(--_muted);font-size:11px}
details.ms.active>summary{border-color:var(--_accent);background:var(--_accent-soft)}
details.ms .badge{background:var(--_accent);color:var(--_accent-fg);border-radius:99px;font-size:11px;padding:0 6px;min-width:18px;text-align:center}
details.ms .menu{position:absolute;top:calc(100% + 4px);left:0;min-width:220px;max-height:300px;overflow:auto;z-index:10;
  background:var(--_surface);border:1px solid var(--_border);border-radius:8px;box-shadow:0 8px 24px rgba(16,24,40,.14);padding:6px}
details.ms .menu label{display:flex;gap:8px;align-items:center;padding:5px 6px;border-radius:6px;font-size:13px;cursor:pointer;white-space:nowrap}
details.ms .menu label:hover{background:var(--_accent-soft)}
details.ms .menu .cnt{margin-left:auto;color:var(--_muted);font-size:12px;padding-left:12px}
details.ms .menu .none{color:var(--_muted);font-size:12.5px;padding:6px}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:12px;margin-bottom:14px}
.tile{padding:12px 14px 11px;display:flex;flex-direction:column;gap:2px;min-height:118px;position:relative;cursor:help}
.tile .label{font-size:12.5px;color:var(--_muted);font-weight:550;display:flex;gap:6px;align-items:center}
.tile .label .info{margin-left:auto;width:15px;height:15px;border-radius:50%;border:1px solid var(--_border);font-size:10px;
  display:grid;place-items:center;color:var(--_muted);font-weight:700;flex:none}
.tile .value{font-size:26px;font-weight:680;letter-spacing:-.02em;line-height:1.15;font-variant-numeric:tabular-nums;margin-top:2px}
.tile.null .value{color:var(--_muted);font-weight:500}
.tile .meta{display:flex;gap:8px;align-items:baseline;font-size:12px;color:var(--_muted);flex-wrap:wrap}
.tile .n{font-variant-numeric:tabular-nums}
.tile .missing{font-size:11.5px;line-height:1.35}
.tile .delta{font-weight:600;font-variant-numeric:tabular-nums}
.tile .delta.good{color:var(--_good)}
.tile .delta.bad{color:var(--_bad)}
.tile .subs{margin-top:auto;padding-top:6px;display:flex;flex-wrap:wrap;gap:2px 10px;font-size:11.5px;color:var(--_muted)}
.tile .subs b{color:var(--_fg);font-weight:600}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,480px),1fr));gap:14px;margin-bottom:14px}
.panel{padding:12px 14px 14px;min-width:0;display:flex;flex-direction:column}
.panel.wide{grid-column:1/-1}
.panel header{display:flex;align-items:center;gap:10px;margin-bottom:8px;min-height:26px}
.panel h2{font-size:14px;margin:0;font-weight:650}
.panel header .note{color:var(--_muted);font-size:12px}
.panel header .tools{margin-left:auto;display:flex;gap:6px;align-items:center}
.seg{display:inline-flex;border:1px solid var(--_border);border-radius:7px;overflow:hidden}
.seg button{border:0;background:var(--_surface);padding:3px 9px;font-size:12px;color:var(--_muted)}
.seg button[aria-pressed=true]{background:var(--_accent-soft);color:var(--_accent);font-weight:600}
svg.ts{width:100%;height:auto;display:block;max-height:260px}
svg.ts .grid{stroke:var(--_border);stroke-width:1}
svg.ts .axis{stroke:var(--_muted);stroke-width:1}
svg.ts .tick{fill:var(--_muted);font-size:11px}
svg.ts .hit{fill:transparent}
svg.ts .bar:hover rect:not(.hit){filter:brightness(1.1)}
svg.ts .c-total,.fill.c-total{fill:var(--_c1);background:var(--_c1)}
.c-email{fill:var(--_c1);background:var(--_c1)}.c-chat{fill:var(--_c2);background:var(--_c2)}.c-web_form{fill:var(--_c3);background:var(--_c3)}
.c-voice{fill:var(--_c4);background:var(--_c4)}.c-social{fill:var(--_c5);background:var(--_c5)}.c-sms{fill:var(--_c6);background:var(--_c6)}
.c-api{fill:var(--_c7);background:var(--_c7)}.c-other{fill:var(--_c8);background:var(--_c8)}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 14px;margin:6px 0 0;padding:0;font-size:12px;color:var(--_muted)}
.legend li{display:flex;gap:5px;align-items:center}
.swatch{width:10px;height:10px;border-radius:3px;display:inline-block}
ul.bars{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:7px}
ul.bars li{display:grid;grid-template-columns:minmax(90px,34%) 1fr minmax(64px,auto);gap:10px;align-items:center;font-size:13px}
ul.bars .label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
ul.bars .track{height:14px;background:var(--_bg);border-radius:4px;overflow:hidden}
ul.bars .fill{display:block;height:100%;background:var(--_c1);border-radius:4px;min-width:0}
ul.bars .fill.muted{background:var(--_c7)}
ul.bars .fill.good{background:var(--_c2)}
ul.bars .fill.bad{background:var(--_bad)}
ul.bars .fill.mid{background:var(--_c3)}
ul.bars .num{text-align:right;font-variant-numeric:tabular-nums;color:var(--_fg);white-space:nowrap}
.kv{display:flex;flex-wrap:wrap;gap:4px 16px;margin-top:10px;font-size:12.5px;color:var(--_muted)}
.kv b{color:var(--_fg);font-weight:600}
.empty{color:var(--_muted);font-size:13px;margin:8px 0}
.table-wrap{overflow:auto;max-height:520px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{padding:7px 10px;border-bottom:1px solid var(--_border);text-align:left;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
th{font-size:12px;color:var(--_muted);font-weight:600;position:sticky;top:0;background:var(--_surface)}
th button{all:unset;cursor:pointer;display:inline-flex;gap:4px;align-items:center}
th button:focus-visible{outline:2px solid var(--_accent)}
th[aria-sort=ascending] button::after{content:'▲';font-size:9px}
th[aria-sort=descending] button::after{content:'▼';font-size:9px}
tbody tr:hover{background:var(--_bg)}
td.err{color:var(--_bad);white-space:normal;min-width:260px}
.tag-auto{font-size:11px;color:var(--_muted);border:1px solid var(--_border);border-radius:4px;padding:0 4px;margin-left:6px}
footer.foot{color:var(--_muted);font-size:12px;margin-top:4px;display:flex;gap:12px;flex-wrap:wrap}
.print-period{display:none}
.busy .tiles,.busy .grid{opacity:.55;transition:opacity .2s}
@media (max-width:720px){.tiles{grid-template-columns:repeat(2,1fr)}.privacy{display:none}}
@media print{
  .hk{background:#fff;padding:0;font-size:11px;--_shadow:none}
  .loader,.toolbar .group,.toolbar .sep,.toolbar .spacer,.top .actions,.panel header .tools,details.settings,.messages,.btn{display:none!important}
  .toolbar{padding:4px 0;border:0;margin-bottom:6px}
  .print-period{display:block;font-size:12px}
  .card{border-color:#ccc;box-shadow:none;break-inside:avoid}
  .tiles{grid-template-columns:repeat(4,1fr);gap:6px}
  .tile{min-height:0;padding:7px 9px}
  .tile .value{font-size:18px}
  .grid{grid-template-columns:1fr 1fr;gap:8px}
  .panel{padding:8px 10px;break-inside:avoid}
  .table-wrap{max-height:none;overflow:visible}
  th{position:static}
  .tile .label .info{display:none}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;
