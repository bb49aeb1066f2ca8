// The KPI tiles, as data: adding a KPI to the dashboard is adding a row here (and its words in both languages).
//   id       stable name (data-tile attribute, CSS hooks, tests)
//   value    key path into report.kpis of the headline value
//   n        key path of its sample size (shown as "n = …"), or null
//   format   count | percent | duration | decimal | score | money
//   better   'up' | 'down' | null: which direction of the previous-period delta is shown as good
//   sub      secondary lines: [label key, key path, format]
//   label, definition: { en, ja }. Definitions follow reference/kpi-definitions.md (PROPOSAL rules).
//   missing  what to do when the whole KPI is null (e.g. needs a survey file), shown instead of n
// A tile whose top-level KPI key is absent from the report is hidden; a null value shows "—".

export const TILES = [
  {
    id: 'volume',
    value: 'ticket_volume.total',
    n: null,
    format: 'count',
    better: null,
    sub: [],
    label: { en: 'Tickets', ja: 'チケット数' },
    definition: {
      en: 'Tickets created in the period (by created_at), after removing spam, deleted, merged-away and duplicate tickets. A reopened ticket is not a new ticket.',
      ja: '期間内に作成されたチケット数(created_at 基準)。スパム・削除・統合元・重複は除外。再オープンは新しいチケットとして数えません。',
    },
  },
  {
    id: 'frt',
    value: 'first_response_time.median',
    n: 'first_response_time.n',
    format: 'duration',
    better: 'down',
    sub: [
      ['sub.mean', 'first_response_time.mean', 'duration'],
      ['sub.p90', 'first_response_time.p90', 'duration'],
      ['sub.unanswered', 'first_response_time.unanswered', 'count'],
    ],
    label: { en: 'First response time', ja: '初回応答時間' },
    definition: {
      en: 'Median time from ticket creation to the first public reply by a human agent, counted in the period of that reply. Bots, automations, auto-acknowledgements and internal notes do not stop the clock. Tickets never answered are left out (shown as "unanswered"), never counted as 0.',
      ja: 'チケット作成から人間のエージェントによる最初の公開返信までの時間の中央値(返信時刻の期間で集計)。ボット・自動化・自動応答・社内メモは返信に含みません。未返信のチケットは 0 ではなく「未返信」として別に数えます。',
    },
  },
  {
    id: 'response',
    value: 'response_time.median',
    n: 'response_time.n',
    format: 'duration',
    better: 'down',
    sub: [
      ['sub.mean', 'response_time.mean', 'duration'],
      ['sub.p90', 'response_time.p90', 'duration'],
    ],
    label: { en: 'Response time (all replies)', ja: '応答時間(全返信)' },
    definition: {
      en: 'Median customer wait per episode: from a customer message (after the start or after the last agent reply) to the next human reply. Follow-up messages from the same side do not open new episodes; n counts episodes.',
      ja: '顧客の待ち時間(エピソードごと)の中央値:顧客のメッセージから次の人間の返信まで。同じ側の連続メッセージは新しいエピソードになりません。n はエピソード数。',
    },
  },
  {
    id: 'resolution',
    value: 'resolution_time.median',
    n: 'resolution_time.n',
    format: 'duration',
    better: 'down',
    sub: [
      ['sub.first_resolution', 'resolution_time.first.median', 'duration'],
      ['sub.p90', 'resolution_time.p90', 'duration'],
    ],
    label: { en: 'Resolution time', ja: '解決時間' },
    definition: {
      en: 'Median full resolution time: from ticket creation to its final solve, for tickets resolved now and finally resolved in the period. "First" is the time to the first solve. Open tickets have no resolution time (not 0).',
      ja: 'チケット作成から最終解決までの時間の中央値(現在解決済みで、最終解決が期間内のチケット)。「初回」は最初の解決までの時間。未解決のチケットは 0 ではなく対象外です。',
    },
  },
  {
    id: 'one_touch',
    value: 'one_touch_resolution.rate',
    n: 'one_touch_resolution.denominator',
    format: 'percent',
    better: 'up',
    sub: [
      ['sub.two_touch', 'one_touch_resolution.two_touch', 'count'],
      ['sub.multi_touch', 'one_touch_resolution.multi_touch', 'count'],
    ],
    label: { en: 'One-touch resolution', ja: 'ワンタッチ解決率' },
    definition: {
      en: 'Share of tickets resolved in the period with exactly one human agent reply, out of resolved tickets that got at least one human reply. Tickets solved with no human reply (zero-touch) are counted apart.',
      ja: '期間内に解決され、人間の返信が 1 回以上あったチケットのうち、返信がちょうど 1 回だった割合。人間の返信なしで解決したチケット(ゼロタッチ)は別に数えます。',
    },
  },
  {
    id: 'fcr',
    value: 'first_contact_resolution.rate',
    n: 'first_contact_resolution.denominator',
    format: 'percent',
    better: 'up',
    sub: [],
    label: { en: 'First contact resolution', ja: '初回接触解決率' },
    definition: {
      en: 'Share of tickets resolved in the period (with at least one human reply) where the customer did not write again after the first reply and the ticket was never reopened.',
      ja: '期間内に解決されたチケット(人間の返信 1 回以上)のうち、最初の返信の後に顧客が再度連絡せず、再オープンもされなかった割合。',
    },
  },
  {
    id: 'reopen',
    value: 'reopen_rate.rate',
    n: 'reopen_rate.denominator',
    format: 'percent',
    better: 'down',
    sub: [],
    label: { en: 'Reopen rate', ja: '再オープン率' },
    definition: {
      en: 'Share of resolved tickets that went back from solved/closed to an open state at least once. Solved → closed is not a reopen; a new ticket from the same customer is a repeat contact, not a reopen.',
      ja: '解決済みチケットのうち、解決/クローズから未解決の状態に 1 回以上戻った割合。解決→クローズは再オープンではありません。同じ顧客の新しいチケットは再連絡として別扱いです。',
    },
  },
  {
    id: 'automated',
    value: 'automated_resolution.rate',
    n: 'automated_resolution.denominator',
    format: 'percent',
    better: 'up',
    sub: [],
    label: { en: 'Automated resolution', ja: '自動解決率' },
    definition: {
      en: 'Share of resolved tickets solved with no human reply, by a bot/automation or an AI agent, and not reopened or answered by a human within 72 hours after the resolution.',
      ja: '解決済みチケットのうち、人間の返信なしでボット・自動化・AI エージェントが解決し、解決後 72 時間以内に再オープンや人間の返信がなかった割合。',
    },
  },
  {
    id: 'csat',
    value: 'csat.score',
    n: 'csat.n',
    format: 'percent',
    better: 'up',
    sub: [['sub.response_rate', 'csat.response_rate', 'percent']],
    label: { en: 'CSAT', ja: '顧客満足度 (CSAT)' },
    definition: {
      en: 'Share of satisfied ratings: 4–5 on a 1–5 scale, "good" on good/bad (latest rating per ticket, counted when it was given). Response rate = ratings ÷ surveys offered. Treat n below 30 with care.',
      ja: '満足の評価の割合:1〜5 段階なら 4〜5、good/bad なら good(チケットごとに最新の評価、評価日時で集計)。回答率=評価数÷アンケート送付数。n が 30 未満なら参考値です。',
    },
  },
  {
    id: 'backlog',
    value: 'open_tickets.total',
    n: null,
    format: 'count',
    better: 'down',
    sub: [
      ['sub.unassigned', 'open_tickets.unassigned', 'count'],
      ['sub.awaiting_reply', 'open_tickets.awaiting_reply', 'count'],
    ],
    label: { en: 'Open backlog', ja: '未解決バックログ' },
    definition: {
      en: 'Tickets not solved or closed at export time (new, open, pending, on-hold, snoozed). Awaiting reply = the customer wrote last, or nobody has replied yet.',
      ja: 'エクスポート時点で未解決・未クローズのチケット(新規・オープン・保留・待機・スヌーズ)。返信待ち=顧客の発言が最後、またはまだ誰も返信していないもの。',
    },
  },
  {
    id: 'handle_time',
    missing: { en: 'No time tracking in this export.', ja: 'このエクスポートには作業時間の記録がありません。' },
    value: 'handle_time.median',
    n: 'handle_time.n',
    format: 'duration',
    better: 'down',
    sub: [['sub.mean', 'handle_time.mean', 'duration']],
    label: { en: 'Handle time', ja: '処理時間 (AHT)' },
    definition: {
      en: 'Median agent effort per ticket from recorded time tracking only; never guessed from elapsed time. "—" when the export has no time tracking.',
      ja: 'タイムトラッキングで記録されたエージェントの作業時間の中央値。経過時間からは推定しません。記録がない場合は「—」。',
    },
  },
  {
    id: 'replies_to_resolve',
    value: 'messages_per_ticket.replies_to_resolve.median',
    n: 'messages_per_ticket.replies_to_resolve.n',
    format: 'decimal',
    better: 'down',
    sub: [['sub.messages_per_ticket', 'messages_per_ticket.messages_per_resolved_ticket', 'decimal']],
    label: { en: 'Replies to resolve', ja: '解決までの返信数' },
    definition: {
      en: 'Median number of human replies on resolved tickets that got at least one reply. Messages per ticket counts customer and agent public messages per resolved ticket.',
      ja: '返信が 1 回以上ある解決済みチケットの、人間の返信回数の中央値。チケットあたりメッセージ数は解決済みチケットの公開メッセージ(顧客+エージェント)の平均。',
    },
  },
  {
    id: 'nps',
    missing: { en: 'Load a survey file to see NPS.', ja: 'NPS にはアンケートファイルが必要です。' },
    value: 'nps.score',
    n: 'nps.n',
    format: 'score',
    better: 'up',
    sub: [],
    label: { en: 'NPS', ja: 'NPS' },
    definition: {
      en: 'Net Promoter Score: % promoters (9–10) minus % detractors (0–6) on the 0–10 scale, from −100 to +100. Needs a survey file.',
      ja: 'ネットプロモータースコア:0〜10 の評価で推奨者(9〜10)の割合から批判者(0〜6)の割合を引いた値(−100〜+100)。アンケートファイルが必要です。',
    },
  },
  {
    id: 'ces',
    missing: { en: 'Load a survey file to see CES.', ja: 'CES にはアンケートファイルが必要です。' },
    value: 'ces.mean',
    n: 'ces.n',
    format: 'decimal',
    better: 'up',
    sub: [['sub.easy_rate', 'ces.easy_rate', 'percent']],
    label: { en: 'Customer effort (CES)', ja: '顧客努力指標 (CES)' },
    definition: {
      en: 'Mean agreement with "the company made it easy to handle my issue" on a 1–7 scale; "easy" = share of 5–7. Needs a survey file.',
      ja: '「問題を簡単に解決できた」への同意度(1〜7)の平均。「容易」は 5〜7 の割合。アンケートファイルが必要です。',
    },
  },
  {
    id: 'converted',
    missing: { en: 'Load an orders export to see conversions.', ja: '注文データを読み込むと表示されます。' },
    value: 'converted_tickets.rate',
    n: 'converted_tickets.denominator',
    format: 'percent',
    better: 'up',
    sub: [['sub.revenue', 'converted_tickets.revenue', 'decimal']],
    label: { en: 'Converted tickets', ja: '購入につながったチケット' },
    definition: {
      en: 'Share of tickets followed by an order from the same customer within the conversion window (default 5 days); each order counts for the latest ticket before it. Needs an orders export.',
      ja: '同じ顧客がコンバージョン期間(既定 5 日)内に注文したチケットの割合。各注文はその直前の最新チケットに 1 回だけ紐づけます。注文データが必要です。',
    },
  },
  {
    id: 'cost',
    missing: { en: 'Enter support costs in Settings.', ja: '設定でサポートコストを入力してください。' },
    value: 'cost_per_resolution.value',
    n: null,
    format: 'money',
    currency: 'cost_per_resolution.currency',
    better: 'down',
    sub: [['sub.per_ticket', 'cost_per_resolution.per_ticket', 'money']],
    label: { en: 'Cost per resolution', ja: '解決あたりコスト' },
    definition: {
      en: 'Total support cost you enter in the settings for the period ÷ tickets resolved in the period.',
      ja: '設定で入力した期間のサポート総コスト ÷ 期間内に解決したチケット数。',
    },
  },
  {
    id: 'sla',
    missing: { en: 'Set SLA targets in Settings.', ja: '設定で SLA 目標を指定してください。' },
    value: 'sla.first_response.rate',
    n: 'sla.first_response.applied',
    format: 'percent',
    better: 'up',
    sub: [
      ['sub.sla_resolution', 'sla.resolution.rate', 'percent'],
      ['sub.open_breaches', 'sla.first_response.open_breaches', 'count'],
    ],
    label: { en: 'SLA: first response', ja: 'SLA 達成率(初回応答)' },
    definition: {
      en: 'Share of targets met: an event hit its target if it happened by start + target; an open ticket past its target is a miss. Targets come from the settings.',
      ja: '目標達成の割合:開始+目標時間までにイベントが起きれば達成、目標を過ぎても未対応なら未達。目標は設定で指定します。',
    },
  },
  {
    id: 'repeat',
    value: 'retention.repeat_contact_rate',
    n: 'retention.tickets',
    format: 'percent',
    better: 'down',
    sub: [],
    label: { en: 'Repeat contact rate', ja: '再連絡率' },
    definition: {
      en: 'Share of tickets followed by another ticket from the same requester within 7 days after the first was resolved (or created, if unresolved).',
      ja: '同じ依頼者から、解決後(未解決なら作成後)7 日以内に別のチケットが来たチケットの割合。',
    },
  },
];
