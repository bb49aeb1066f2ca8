#!/usr/bin/env node
// gen-export.mjs — seeded, dependency-free generator of realistic synthetic helpdesk exports (Zendesk, Gorgias).
//
//   node scripts/gen-export.mjs --vendor zendesk|gorgias|canonical --shape document|jsonl (--tickets N | --size 100MB)
//        [--seed 42] --out DIR [--prefix NAME] [--start 2025-01-06] [--days 90] [--tickets-only]
//
//   import { generate } from './scripts/gen-export.mjs';
//   const { files, tickets, bytes, totalBytes } = await generate({ vendor, shape, tickets | bytes, seed, outDir, prefix, start, days, ticketsOnly });
//
// --tickets-only (ticketsOnly: true): Zendesk only writes the tickets file (and, for JSONL, the users file), not the
// ticket_audits and satisfaction_ratings side files; the files it does write are byte-identical to a full run's.
//
// Output is streamed to disk (write streams + backpressure), never built in memory, and is byte-identical for the same
// arguments. Shapes follow /work/shared/reference/export-formats.md §1 (Zendesk) and §3 (Gorgias) and the hand-written
// fixtures. Every Zendesk `metric_set` is computed from the very audits that are written (replies, reply time, first/full
// resolution, reopens, wait times), so an engine working from events and one reading metric_set agree. All events of a
// ticket lie on a whole-minute grid from its `created_at`, so calendar minutes are exact. Business minutes use the
// schedule Mon–Fri 08:00–18:00 UTC (floored to whole minutes). The export time is `start + days` (00:00Z); events after
// it are cut off, so recent tickets are naturally still open.

import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const DAY = 86400;

// ───────────────────────────────────────────── PRNG ─────────────────────────────────────────────
class Rng {
  constructor(seed) { this.s = seed >>> 0; }
  f() { // mulberry32
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n) { return Math.floor(this.f() * n); }
  pick(a) { return a[Math.floor(this.f() * a.length)]; }
  chance(p) { return this.f() < p; }
  logn(median, sigma) {
    let u = this.f(); if (u < 1e-12) u = 1e-12;
    return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.f()));
  }
}
function hash32(a, b) {
  let h = Math.imul((a ^ 0x9e3779b9) >>> 0, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}
function picker(list) { // [[value, weight], ...] → (rng) => value
  const vals = list.map((x) => x[0]); const cum = []; let s = 0;
  for (const x of list) { s += x[1]; cum.push(s); }
  return (R) => { const r = R.f() * s; let i = 0; while (cum[i] <= r) i++; return vals[i]; };
}

// ───────────────────────────────────────────── time ─────────────────────────────────────────────
const P2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const dayCache = new Map();
function dayStr(d) {
  let s = dayCache.get(d);
  if (s === undefined) { s = new Date(d * DAY * 1000).toISOString().slice(0, 10); dayCache.set(d, s); }
  return s;
}
function hms(t) {
  const d = Math.floor(t / DAY); let r = t - d * DAY;
  const h = (r / 3600) | 0; r -= h * 3600; const m = (r / 60) | 0;
  return dayStr(d) + 'T' + P2[h] + ':' + P2[m] + ':' + P2[r - m * 60];
}
const isoZ = (t) => hms(t) + 'Z';
const isoG = (t, frac) => hms(t) + frac + '+00:00';
const dow = (t) => (Math.floor(t / DAY) + 4) % 7; // 0 = Sunday
const inHours = (t) => { const w = dow(t); if (w === 0 || w === 6) return false; const h = Math.floor((t % DAY) / 3600); return h >= 8 && h < 18; };
function nextOpen(t) { // start of the next Mon–Fri 08:00 UTC window at or after t (t outside hours)
  let d = Math.floor(t / DAY);
  if ((t % DAY) >= 8 * 3600) d++;
  for (;;) { const w = (d + 4) % 7; if (w !== 0 && w !== 6) return d * DAY + 8 * 3600; d++; }
}
function bizSeconds(a, b) { // overlap of [a, b] with Mon–Fri 08:00–18:00 UTC
  if (b <= a) return 0;
  let tot = 0;
  for (let d = Math.floor(a / DAY), e = Math.floor(b / DAY); d <= e; d++) {
    const w = (d + 4) % 7; if (w === 0 || w === 6) continue;
    const lo = Math.max(a, d * DAY + 8 * 3600), hi = Math.min(b, d * DAY + 18 * 3600);
    if (hi > lo) tot += hi - lo;
  }
  return tot;
}

// ───────────────────────────────────────────── text ─────────────────────────────────────────────
// Templates use placeholders {order} {track} {product} {date} {name} {agent} {ticket} {num}; compiled once.
const KEYS = ['order', 'track', 'product', 'date', 'name', 'agent', 'ticket', 'num'];
function T(s) {
  const parts = s.split(/\{(\w+)\}/);
  for (let i = 1; i < parts.length; i += 2) { const k = KEYS.indexOf(parts[i]); if (k < 0) throw new Error('bad key ' + parts[i]); parts[i] = k; }
  return parts;
}
function fill(tpl, ctx) { let s = tpl[0]; for (let i = 1; i < tpl.length; i += 2) s += ctx[tpl[i]] + tpl[i + 1]; return s; }
const compile = (o) => { const r = {}; for (const k in o) r[k] = Array.isArray(o[k]) ? o[k].map(T) : compile(o[k]); return r; };

const LANGS = ['en', 'ja', 'fr', 'de', 'es'];
const JOIN = { en: ' ', ja: '', fr: ' ', de: ' ', es: ' ' };
const MONTHS = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
};
function fmtDate(t, lang) {
  const d = new Date(t * 1000); const m = d.getUTCMonth(), dd = d.getUTCDate();
  if (lang === 'ja') return `${m + 1}月${dd}日`;
  if (lang === 'fr') return `${dd} ${MONTHS.fr[m]}`;
  if (lang === 'de') return `${dd}. ${MONTHS.de[m]}`;
  if (lang === 'es') return `${dd} de ${MONTHS.es[m]}`;
  return `${MONTHS.en[m]} ${dd}`;
}
const PRODUCTS = {
  en: ['Trailhead 2 tent', 'Alpine Fleece (size M)', 'Summit 45L backpack', 'Ridge trail runners', 'Cascade rain jacket', 'Nordic down parka',
    'Basecamp sleeping bag', 'titanium camping mug', 'Lumen 300 headlamp', 'Glacier "Pro" trekking poles', 'Merino base layer (size L)', 'Drift kayak paddle'],
  ja: ['トレイルヘッド2テント', 'アルパインフリース（Mサイズ）', 'サミット45Lバックパック', 'カスケード・レインジャケット', 'ベースキャンプ寝袋', 'ルーメン300ヘッドランプ', 'チタンマグカップ'],
};

// Topics: key, weight, tag, Japanese tag, custom field value, return-team flag, and per-language text.
const TOPIC_DEFS = [
  { key: 'order-status', w: 22, ja: '配送', subj: { en: ['Where is my order {order}?', 'Order {order} status', 'No update on my delivery'], ja: ['注文{order}の配送状況について', '商品がまだ届きません'], fr: ['Où est ma commande {order} ?'], de: ['Wo ist meine Bestellung {order}?'], es: ['¿Dónde está mi pedido {order}?'] },
    open: { en: ['Hi, my order {order} has not arrived yet. Can you check where it is?', 'I placed order {order} on {date} and I still have no shipping confirmation.', 'The tracking number {track} has not updated in four days.'],
      ja: ['注文番号{order}の商品がまだ届いていません。配送状況を確認していただけますか？', '{date}に注文しましたが、発送のお知らせがまだ来ていません。'],
      fr: ["Bonjour, ma commande {order} n'est toujours pas arrivée. Pouvez-vous vérifier ?"], de: ['Hallo, meine Bestellung {order} ist noch nicht angekommen. Können Sie das prüfen?'], es: ['Hola, mi pedido {order} todavía no ha llegado. ¿Podrían revisarlo?'] },
    agent: { en: ['I checked order {order}: it left our warehouse on {date} and the tracking number is {track}.', 'The carrier shows your parcel at the local depot, so it should be delivered within one to two business days.'],
      ja: ['ご注文{order}は{date}に発送済みで、追跡番号は{track}です。', 'お荷物は現在配送センターにあり、1〜2営業日以内にお届けの予定です。'],
      fr: ['Votre commande {order} a été expédiée le {date} ; le numéro de suivi est {track}.'], de: ['Ihre Bestellung {order} wurde am {date} verschickt; die Sendungsnummer lautet {track}.'], es: ['Su pedido {order} se envió el {date}; el número de seguimiento es {track}.'] } },
  { key: 'shipping', w: 13, ja: '配送', subj: { en: ['Shipping options to Canada', 'Delivery address change', 'Express shipping question'], ja: ['配送先の変更について'], fr: ['Changement d’adresse de livraison'], de: ['Lieferadresse ändern'], es: ['Cambio de dirección de envío'] },
    open: { en: ['Can I still change the delivery address for order {order}? I just moved.', 'Do you offer express shipping? I need the {product} before the weekend.', 'The parcel was marked "delivered" but there was nothing at my door.'],
      ja: ['注文{order}の配送先住所を変更できますか？', '{product}を週末までに受け取りたいのですが、速達は可能でしょうか？'],
      fr: ['Est-il possible de modifier l’adresse de livraison de la commande {order} ?'], de: ['Kann ich die Lieferadresse für Bestellung {order} noch ändern?'], es: ['¿Puedo cambiar la dirección de entrega del pedido {order}?'] },
    agent: { en: ['I have updated the shipping address on order {order}; the label was not printed yet, so the change went through.', 'Express shipping is available at checkout and usually arrives in one to two business days.'],
      ja: ['ご注文{order}の配送先住所を変更いたしました。', '速達便はチェックアウト画面でご選択いただけます。'],
      fr: ['J’ai mis à jour l’adresse de livraison de la commande {order}.'], de: ['Ich habe die Lieferadresse der Bestellung {order} aktualisiert.'], es: ['He actualizado la dirección de envío del pedido {order}.'] } },
  { key: 'returns', w: 14, ja: '返品', ret: true, subj: { en: ['Return request for order {order}', 'How do I return an item?', 'Return label'], ja: ['返品について', '返品の手続き'], fr: ['Demande de retour'], de: ['Rücksendung Bestellung {order}'], es: ['Solicitud de devolución'] },
    open: { en: ['I would like to return the {product} from order {order}; it is too small.', 'How do I return the {product}? I never used it and still have the box.'],
      ja: ['{product}を返品したいのですが、手続きを教えてください。', 'サイズが合わなかったので、注文{order}の商品を返品したいです。'],
      fr: ['Je souhaite retourner le produit « {product} », il est trop petit.'], de: ['Ich möchte den Artikel „{product}“ zurückschicken – er ist leider zu klein.'], es: ['Quiero devolver el producto «{product}», me queda pequeño.'] },
    agent: { en: ['I have created a prepaid return label and sent it to your email address.', 'Once the parcel is scanned by the carrier we will issue your refund within three business days.'],
      ja: ['返品用のラベルをメールでお送りしました。', '商品の到着を確認次第、3営業日以内に返金いたします。'],
      fr: ['Je vous ai envoyé une étiquette de retour prépayée par e-mail.'], de: ['Ich habe Ihnen ein vorfrankiertes Rücksendeetikett per E-Mail geschickt.'], es: ['Le he enviado por correo una etiqueta de devolución prepagada.'] } },
  { key: 'exchange', w: 6, ja: '交換', ret: true, subj: { en: ['Exchange for a different size', 'Swap colour on order {order}'], ja: ['サイズ交換のお願い'], fr: ['Échange de taille'], de: ['Umtausch in andere Größe'], es: ['Cambio de talla'] },
    open: { en: ['Can I exchange the {product} for a larger size? The medium is a bit tight on the shoulders.', 'I would like to swap the colour of the {product} in order {order} for the green one.'],
      ja: ['{product}を大きいサイズに交換していただけますか？'], fr: ['Puis-je échanger le produit « {product} » contre une taille au-dessus ?'], de: ['Kann ich „{product}“ gegen eine größere Größe umtauschen?'], es: ['¿Puedo cambiar el producto «{product}» por una talla más grande?'] },
    agent: { en: ['I have set up an exchange: the larger size ships as soon as we receive the original item.', 'Good news, the size you need is in stock, so I have reserved one for you.'],
      ja: ['交換の手続きを行いました。元の商品が到着次第、新しいサイズを発送いたします。'], fr: ['J’ai préparé l’échange ; la nouvelle taille partira dès réception de l’article.'], de: ['Ich habe den Umtausch vorbereitet; die neue Größe geht nach Erhalt des Artikels raus.'], es: ['He preparado el cambio; la nueva talla saldrá en cuanto recibamos el artículo.'] } },
  { key: 'refund', w: 10, ja: '返金', ret: true, subj: { en: ['Refund not received', 'Where is my refund?'], ja: ['返金がまだです'], fr: ['Remboursement non reçu'], de: ['Erstattung noch nicht erhalten'], es: ['Reembolso no recibido'] },
    open: { en: ['I returned order {order} two weeks ago and I still have not received my refund.', 'Your website says the refund for {order} was processed, but nothing shows on my card.'],
      ja: ['返品は二週間前に発送しましたが、返金がまだ確認できません。'], fr: ['J’ai renvoyé la commande {order} il y a deux semaines et je n’ai toujours pas été remboursé.'], de: ['Ich habe die Bestellung {order} vor zwei Wochen zurückgeschickt und noch keine Erstattung erhalten.'], es: ['Devolví el pedido {order} hace dos semanas y todavía no he recibido el reembolso.'] },
    agent: { en: ['I have issued a full refund to your original payment method; it usually shows up within 5–7 business days.', 'The refund reference is RF-{num}, in case your bank asks for it.'],
      ja: ['元のお支払い方法に全額返金いたしました。反映まで5〜7営業日かかる場合がございます。', '返金番号はRF-{num}です。'],
      fr: ['Nous avons procédé au remboursement intégral (référence RF-{num}).'], de: ['Wir haben den vollen Betrag erstattet (Referenz RF-{num}).'], es: ['Hemos realizado el reembolso completo (referencia RF-{num}).'] } },
  { key: 'billing', w: 7, ja: '請求', subj: { en: ['Charged twice for order {order}', 'Question about my invoice'], ja: ['二重請求について'], fr: ['Double prélèvement'], de: ['Doppelte Abbuchung'], es: ['Cobro duplicado'] },
    open: { en: ['I was charged twice for order {order}. Can you please look into it?', 'My invoice shows a shipping fee even though the order was over $100.'],
      ja: ['同じ注文{order}で二重に請求されています。確認をお願いします。'], fr: ['J’ai été débité deux fois pour la commande {order}.'], de: ['Mir wurde die Bestellung {order} doppelt berechnet.'], es: ['Me cobraron dos veces el pedido {order}.'] },
    agent: { en: ['You are right, the second charge was a duplicate authorisation; I have voided it and it will drop off your statement.', 'I have refunded the shipping fee and emailed you a corrected invoice.'],
      ja: ['重複した請求を取り消しました。数日以内に明細から消える予定です。'], fr: ['Le second prélèvement était un doublon ; je l’ai annulé.'], de: ['Die zweite Abbuchung war doppelt; ich habe sie storniert.'], es: ['El segundo cargo era un duplicado y lo he anulado.'] } },
  { key: 'damaged-item', w: 9, ja: '破損', ret: true, subj: { en: ['Damaged item received', 'Broken {product}'], ja: ['商品が破損していました'], fr: ['Article endommagé'], de: ['Ware beschädigt angekommen'], es: ['Artículo dañado'] },
    open: { en: ['The {product} arrived damaged: the box was crushed and one of the poles is bent.', 'The zip on my {product} broke the first time I used it.'],
      ja: ['届いた{product}が破損していました。箱が潰れていました。'], fr: ['Le colis est arrivé abîmé et la fermeture éclair est cassée.'], de: ['Die Ware kam beschädigt an, der Reißverschluss ist kaputt.'], es: ['El paquete llegó dañado y la cremallera está rota.'] },
    agent: { en: ['I am so sorry it arrived like that. Could you send a photo of the damage so we can file a claim with the carrier?', 'I have shipped a free replacement today; no need to send the damaged one back.'],
      ja: ['大変申し訳ございません。破損箇所の写真をお送りいただけますでしょうか。', '本日、代替品を無償で発送いたしました。'],
      fr: ['Toutes nos excuses ; un article de remplacement part aujourd’hui.'], de: ['Das tut uns leid; ein Ersatzartikel geht heute an Sie raus.'], es: ['Lo sentimos mucho; hoy le enviamos un artículo de reemplazo.'] } },
  { key: 'product-question', w: 12, ja: '商品について', subj: { en: ['Question about the {product}', 'Is the {product} waterproof?', 'Sizing advice'], ja: ['{product}について質問です'], fr: ['Question sur un produit'], de: ['Frage zu einem Produkt'], es: ['Pregunta sobre un producto'] },
    open: { en: ['Is the {product} fully waterproof? I am planning a trip to Scotland in April.', 'What size of the {product} would you recommend? I am 182 cm and usually wear a large.'],
      ja: ['{product}は防水ですか？来月登山に使う予定です。'], fr: ['Le produit « {product} » est-il vraiment imperméable ?'], de: ['Ist „{product}“ wirklich wasserdicht?'], es: ['¿El producto «{product}» es totalmente impermeable?'] },
    agent: { en: ['Yes, the {product} has a 10,000 mm hydrostatic head and taped seams, so it is fully waterproof in heavy rain.', 'Based on your measurements I would go with a large; it leaves room for a fleece underneath.'],
      ja: ['{product}は完全防水仕様で、大雨でも安心してお使いいただけます。'], fr: ['Oui, il est entièrement imperméable grâce aux coutures étanchées.'], de: ['Ja, dank verschweißter Nähte ist es vollständig wasserdicht.'], es: ['Sí, es totalmente impermeable gracias a las costuras selladas.'] } },
  { key: 'discount', w: 4, ja: 'クーポン', subj: { en: ['Discount code not working'], ja: ['クーポンが使えません'], fr: ['Code promo invalide'], de: ['Rabattcode funktioniert nicht'], es: ['El código de descuento no funciona'] },
    open: { en: ['The discount code SPRING15 does not work at checkout, it says "invalid code".'], ja: ['クーポンコード「SPRING15」がチェックアウトで使えません。'], fr: ['Le code promo SPRING15 ne fonctionne pas au moment du paiement.'], de: ['Der Rabattcode SPRING15 funktioniert an der Kasse nicht.'], es: ['El código SPRING15 no funciona al pagar.'] },
    agent: { en: ['That code excludes sale items, which is why it was rejected; I have applied a 15% discount to order {order} manually instead.'], ja: ['ご注文{order}に15%の割引を手動で適用いたしました。'], fr: ['J’ai appliqué manuellement une remise de 15 % sur la commande {order}.'], de: ['Ich habe 15 % Rabatt manuell auf Bestellung {order} angewendet.'], es: ['He aplicado manualmente un 15 % de descuento al pedido {order}.'] } },
  { key: 'account', w: 3, ja: 'アカウント', subj: { en: ['Cannot log in to my account'], ja: ['ログインできません'], fr: ['Impossible de me connecter'], de: ['Login funktioniert nicht'], es: ['No puedo iniciar sesión'] },
    open: { en: ['I cannot log in to my account and the password reset email never arrives.'], ja: ['アカウントにログインできません。パスワード再設定のメールが届きません。'], fr: ['Je n’arrive pas à me connecter et l’e-mail de réinitialisation n’arrive jamais.'], de: ['Ich kann mich nicht einloggen und die E-Mail zum Zurücksetzen kommt nie an.'], es: ['No puedo entrar en mi cuenta y nunca llega el correo para restablecer la contraseña.'] },
    agent: { en: ['I have reset your account and sent a one-time login link; please check your spam folder too.'], ja: ['アカウントをリセットし、ログイン用のリンクをお送りしました。'], fr: ['J’ai réinitialisé votre compte et envoyé un lien de connexion.'], de: ['Ich habe Ihr Konto zurückgesetzt und einen Login-Link gesendet.'], es: ['He restablecido su cuenta y le he enviado un enlace de acceso.'] } },
];
const TOPICS = TOPIC_DEFS.map((d) => ({ key: d.key, w: d.w, tagJa: d.ja, ret: !!d.ret, field: d.key.replace(/-/g, '_'), subj: compile(d.subj), open: compile(d.open), agent: compile(d.agent) }));
const pickTopic = picker(TOPICS.map((t) => [t, t.w]));
const RELATED = { 'order-status': ['shipping'], shipping: ['order-status'], returns: ['refund', 'exchange'], exchange: ['returns'], refund: ['returns', 'billing'], billing: ['refund'], 'damaged-item': ['returns', 'refund', 'exchange'], 'product-question': ['exchange'], discount: ['billing'], account: ['billing'] };
const EXTRA_TAGS = ['vip', 'gift', 'international', 'repeat-customer', 'shopify', 'wholesale'];

const TXT = compile({
  custFill: {
    en: ['I have attached a photo.', 'My email is the same one I used for the order.', 'Thanks in advance for your help!', 'This is the second time I am writing about this.',
      'I need this sorted quickly because it is a birthday gift.', 'Let me know if you need anything else from me.', 'I checked with my neighbours and nobody has the parcel.',
      'The confirmation email said "arriving Tuesday" but nothing came.', 'I have been a customer for years and this never happened before.', 'I paid with PayPal & my bank shows the payment as completed.',
      'Could you also tell me how long this usually takes?', 'I am travelling next week, so a quick answer would be great.', 'The order number is {order}, in case you need it.'],
    ja: ['写真を添付します。', '急ぎでお願いしたいです。', 'プレゼント用なので週末までに必要です。', '以前にも問い合わせましたが、返事がありませんでした。', '注文番号は{order}です。',
      '来週から出張なので、早めにご対応いただけると助かります。', '配達予定日は「火曜日」となっていましたが、まだ何も届いていません。', '御社の商品はいつも愛用しているので、残念です。',
      '近所の人にも確認しましたが、荷物は見当たりませんでした。', '支払いはクレジットカードで済ませています。', 'ご確認のほど、よろしくお願いいたします。'],
    fr: ['Merci d’avance pour votre aide.', 'C’était un cadeau, je suis très déçue.', 'Le numéro de commande est {order}.', 'Pouvez-vous me répondre rapidement ?'],
    de: ['Vielen Dank im Voraus!', 'Ich würde mich über eine schnelle Rückmeldung freuen.', 'Die Bestellnummer ist {order}.', 'Es war ein Geschenk, daher ist es etwas dringend.'],
    es: ['¡Gracias de antemano!', 'Era un regalo, así que es bastante urgente.', 'El número de pedido es {order}.', 'Quedo atento a su respuesta.'],
  },
  custFollow: {
    en: ['Thanks, that helps. One more question: can I get the refund to a different card?', 'Any update on this? It has been a few days.', 'I still have not received anything.', 'Yes, the order number is {order}.',
      'Ok, I have sent the photos from my phone.', 'Thanks for the quick reply!', 'That works for me, thank you.', 'Great, thanks! 👍', 'Hmm, the tracking link says "label created" only.'],
    ja: ['ありがとうございます。確認しました。', 'その後の状況はいかがでしょうか？', '注文番号は{order}です。', '助かりました！', '写真を送りました。'],
    fr: ['Merci beaucoup, c’est parfait.', 'Avez-vous des nouvelles ?', 'Oui, c’est bien la commande {order}.'],
    de: ['Danke, das hilft mir weiter.', 'Gibt es schon Neuigkeiten?', 'Ja, es ist die Bestellung {order}.'],
    es: ['Muchas gracias, perfecto.', '¿Hay alguna novedad?', 'Sí, es el pedido {order}.'],
  },
  custReopen: {
    en: ['Sorry, but the problem is not solved: the tracking still has not moved.', 'I just checked again and the refund is still not on my card.', 'The replacement arrived but it is the wrong size again.'],
    ja: ['申し訳ありませんが、まだ解決していません。', '再度確認しましたが、まだ返金されていません。'],
    fr: ['Désolé, mais le problème n’est pas résolu.'], de: ['Leider ist das Problem noch nicht gelöst.'], es: ['Lo siento, pero el problema no está resuelto.'],
  },
  agentOpen: {
    en: ['Thanks for reaching out, and sorry for the trouble.', 'Thank you for your patience while I looked into this.', 'Thanks for getting in touch!'],
    ja: ['お問い合わせいただきありがとうございます。', 'ご不便をおかけして申し訳ございません。'],
    fr: ['Merci pour votre message et désolé pour ce désagrément.'], de: ['Vielen Dank für Ihre Nachricht und entschuldigen Sie die Unannehmlichkeiten.'], es: ['Gracias por escribirnos y disculpe las molestias.'],
  },
  agentFill: {
    en: ['I have added a note to your account so my colleagues can see the history.', 'You will receive a confirmation email within the next hour.', 'If anything else comes up, just reply to this message.',
      'I have also double-checked the rest of the order and everything else looks fine.', 'Our warehouse team confirmed this morning.', 'Is there anything else I can help you with?'],
    ja: ['他にご不明な点がございましたら、お気軽にお問い合わせください。', '確認メールを1時間以内にお送りいたします。', '今後ともよろしくお願いいたします。',
      'お客様のアカウントに対応履歴を記録いたしました。', '倉庫チームにも確認済みです。', 'ご注文のその他の商品についても問題がないことを確認いたしました。'],
    fr: ['N’hésitez pas à nous recontacter si besoin.', 'Vous recevrez un e-mail de confirmation sous peu.'],
    de: ['Melden Sie sich gern, falls Sie weitere Fragen haben.', 'Sie erhalten in Kürze eine Bestätigung per E-Mail.'],
    es: ['Si necesita algo más, no dude en escribirnos.', 'Recibirá un correo de confirmación en breve.'],
  },
  agentAsk: {
    en: ['Could you confirm the order number and the email address used at checkout?', 'Could you send me a photo of the label on the parcel?'],
    ja: ['ご注文番号とご登録のメールアドレスを教えていただけますでしょうか。'], fr: ['Pouvez-vous me confirmer le numéro de commande ?'], de: ['Könnten Sie mir die Bestellnummer bestätigen?'], es: ['¿Podría confirmarme el número de pedido?'],
  },
  note: {
    en: ['Checked Shopify: order {order} fulfilled on {date}.', 'Escalating to the warehouse team, possible mis-pick.', 'Repeat buyer, approve the refund without a return.', 'Carrier claim opened, ref CL-{num}.',
      'Waiting on finance to confirm the duplicate charge.', 'Customer sounds upset, please handle with care.', 'Stock check: 3 units left in size L.'],
    ja: ['倉庫に確認中。', '配送業者に調査を依頼済み（CL-{num}）。', '返金承認済み。', 'リピーターのお客様なので、返品なしで返金可。', 'Shopify確認：注文{order}は{date}に出荷済み。', '在庫確認：Lサイズ残り3点。'],
  },
  autoAck: {
    en: ['Thanks for contacting Acme Outdoor! We have received your request (#{ticket}) and will get back to you within 24 hours.\n\nIn the meantime, many answers are in our Help Center: https://help.acme.example'],
    ja: ['Acme Outdoorへのお問い合わせありがとうございます。受付番号は#{ticket}です。24時間以内にご連絡いたします。'],
    fr: ['Merci d’avoir contacté Acme Outdoor ! Nous avons bien reçu votre demande (#{ticket}).'], de: ['Danke für Ihre Nachricht an Acme Outdoor! Wir haben Ihre Anfrage (#{ticket}) erhalten.'], es: ['¡Gracias por contactar con Acme Outdoor! Hemos recibido su solicitud (#{ticket}).'],
  },
  autoAnswer: {
    en: ['Your order {order} shipped on {date} with tracking number {track}. You can follow it at https://track.example/{track}', 'Here is how returns work: start a return at https://acme.example/returns with order number {order}, print the label and drop the parcel at any post office.'],
    ja: ['ご注文{order}は{date}に発送されました。追跡番号：{track}'], fr: ['Votre commande {order} a été expédiée le {date} (suivi : {track}).'], de: ['Ihre Bestellung {order} wurde am {date} verschickt (Sendungsnummer: {track}).'], es: ['Su pedido {order} se envió el {date} (seguimiento: {track}).'],
  },
  csatGood: { en: ['Quick and helpful, thanks!', 'Great service, {agent} was lovely.', 'Problem solved in minutes.'], ja: ['迅速な対応ありがとうございました。'], fr: ['Très bon service, merci !'], de: ['Super Service, danke!'], es: ['¡Muy buen servicio, gracias!'] },
  csatBad: { en: ['Had to write twice before anyone answered.', 'Still waiting for my refund.', 'The answer did not really help.'], ja: ['返信が遅かったです。'], fr: ['Réponse trop lente.'], de: ['Die Antwort kam viel zu spät.'], es: ['La respuesta tardó demasiado.'] },
});
const GREET = compile({
  cust: { en: ['Hi,\n\n', 'Hello,\n\n', 'Hi there,\n\n', ''], ja: ['お世話になっております。\n\n', ''], fr: ['Bonjour,\n\n'], de: ['Hallo,\n\n', 'Guten Tag,\n\n'], es: ['Hola:\n\n', ''] },
  custSign: { en: ['\n\nThanks,\n{name}', '\n\nBest,\n{name}', '\n\nSent from my iPhone', ''], ja: ['\n\n{name}'], fr: ['\n\nCordialement,\n{name}'], de: ['\n\nViele Grüße\n{name}'], es: ['\n\nSaludos,\n{name}'] },
  agent: { en: ['Hi {name},\n\n', 'Hello {name},\n\n'], ja: ['{name}様\n\n'], fr: ['Bonjour {name},\n\n'], de: ['Hallo {name},\n\n'], es: ['Hola, {name}:\n\n'] },
  agentSign: { en: ['\n\nBest regards,\n{agent}\nAcme Outdoor Support', '\n\nCheers,\n{agent}'], ja: ['\n\nAcme Outdoor カスタマーサポート\n{agent}'], fr: ['\n\nBien à vous,\n{agent}'], de: ['\n\nMit freundlichen Grüßen\n{agent}'], es: ['\n\nUn saludo,\n{agent}'] },
});
const CSAT_REASONS = [['The issue took too long to resolve', 360000301], ['The issue was not resolved', 360000302], ["The agent's knowledge is unsatisfactory", 360000303], ["The agent's attitude is unsatisfactory", 360000304], ['Some other reason', 360000305]];

// ───────────────────────────────────────────── people ─────────────────────────────────────────────
// [display name, first, last, email local part, lang, group key, role]
const AGENT_POOL = [
  ['Alice Archer', 'Alice', 'Archer', 'alice', 'en', 'sup', 'agent'], ['佐藤 花子', '花子', '佐藤', 'hanako.sato', 'ja', 'ja', 'agent'],
  ['Carol Chen', 'Carol', 'Chen', 'carol', 'en', 'sup', 'admin'], ['José Álvarez', 'José', 'Álvarez', 'jose.alvarez', 'es', 'ret', 'agent'],
  ['Zoë Müller', 'Zoë', 'Müller', 'zoe.mueller', 'de', 'sup', 'agent'], ['Bob Baker', 'Bob', 'Baker', 'bob', 'en', 'ret', 'agent'],
  ['François Lefèvre', 'François', 'Lefèvre', 'francois.lefevre', 'fr', 'sup', 'agent'], ['田中 太郎', '太郎', '田中', 'taro.tanaka', 'ja', 'ja', 'agent'],
  ['Søren Ødegaard', 'Søren', 'Ødegaard', 'soren.odegaard', 'en', 'ret', 'agent'], ['Łukasz Wójcik', 'Łukasz', 'Wójcik', 'lukasz.wojcik', 'en', 'sup', 'admin'],
  ['Priya Natarajan', 'Priya', 'Natarajan', 'priya', 'en', 'sup', 'agent'], ['Chloé Dubois', 'Chloé', 'Dubois', 'chloe.dubois', 'fr', 'ret', 'agent'],
  ['鈴木 一郎', '一郎', '鈴木', 'ichiro.suzuki', 'ja', 'ja', 'agent'], ['Björn Ström', 'Björn', 'Ström', 'bjorn.strom', 'en', 'sup', 'agent'],
  ['Ana Luísa Gonçalves', 'Ana Luísa', 'Gonçalves', 'ana.goncalves', 'en', 'ret', 'agent'],
];
const GROUPS = { sup: 360000111, ret: 360000112, ja: 360000113 };
const NAMES = {
  en: { first: ['Dana', 'Evan', 'Farah', 'Gus', 'Ivan', 'Jade', 'Liam', 'Olivia', 'Noah', 'Emma', 'Mason', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Harper', 'Logan', 'Ella', 'Owen', 'Grace',
    'Caleb', 'Nora', 'Leo', 'Ruby', 'Isaac', 'Maya', 'Eli', 'Aaron', 'Renée', 'Zoë', 'Chantal', 'Marcus', 'Priya', 'Omar', 'Aisha', 'Kenji', 'Mateo', 'Sofia', 'Hannah', 'Theo'],
  last: ['Reyes', 'Cho', 'Ali', 'Novak', 'Petrov', 'Kim', 'Smith', 'Johnson', 'Brown', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Martin', 'Clark', 'Lewis',
    'Walker', 'Young', 'Allen', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill', "O'Brien", "D'Angelo", 'Nguyen', 'Patel', 'Okafor', 'Murphy', 'Rossi', 'Jensen', 'Kowalski', 'Brennan'] },
  fr: { first: ['Élodie', 'Amélie', 'Théo', 'Hélène', 'Jérôme', 'Cécile', 'Benoît', 'Anaïs', 'Loïc', 'Margaux'], last: ['Lefèvre', 'Bérubé', 'Dupont', 'Moreau', 'Girard', 'Rousseau', 'Fontaine', 'Mercier', 'Chevalier', 'Gauthier'] },
  de: { first: ['Jürgen', 'Jörg', 'Käthe', 'Günter', 'Lena', 'Lukas', 'Anna', 'Maximilian', 'Sophie', 'Felix'], last: ['Müller', 'Schäfer', 'Groß', 'Köhler', 'Weiß', 'Schmidt', 'Fischer', 'Becker', 'Hoffmann', 'Krüger'] },
  es: { first: ['José', 'María', 'Raúl', 'Lucía', 'Andrés', 'Inés', 'Álvaro', 'Sofía', 'Martín', 'Begoña'], last: ['García', 'Núñez', 'Fernández', 'Martínez', 'López', 'Sánchez', 'Pérez', 'Gómez', 'Díaz', 'Muñoz'] },
  ja: { first: [['花子', 'hanako'], ['太郎', 'taro'], ['陽菜', 'hina'], ['蓮', 'ren'], ['結衣', 'yui'], ['大翔', 'hiroto'], ['美咲', 'misaki'], ['健太', 'kenta'], ['さくら', 'sakura'], ['翔太', 'shota'], ['愛', 'ai'], ['拓海', 'takumi']],
    last: [['佐藤', 'sato'], ['鈴木', 'suzuki'], ['高橋', 'takahashi'], ['田中', 'tanaka'], ['伊藤', 'ito'], ['渡辺', 'watanabe'], ['山本', 'yamamoto'], ['中村', 'nakamura'], ['小林', 'kobayashi'], ['加藤', 'kato'], ['吉田', 'yoshida'], ['山田', 'yamada']] },
};
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss').replace(/[øØ]/g, 'o').replace(/[łŁ]/g, 'l').toLowerCase().replace(/[^a-z]/g, '');
const FOLDED = new Map();
for (const l of ['en', 'fr', 'de', 'es']) for (const n of [...NAMES[l].first, ...NAMES[l].last]) FOLDED.set(n, fold(n));
const LOCALE = { en: ['en-US', 'Eastern Time (US & Canada)', 'America/New_York', 'example.com'], ja: ['ja', 'Tokyo', 'Asia/Tokyo', 'example.jp'], fr: ['fr', 'Paris', 'Europe/Paris', 'example.fr'], de: ['de', 'Berlin', 'Europe/Berlin', 'example.de'], es: ['es', 'Madrid', 'Europe/Madrid', 'example.es'] };
const PHONE_PREFIX = { en: '+1555', ja: '+8190', fr: '+336', de: '+49151', es: '+346' };
const pickLang = picker([['en', 75], ['ja', 15], ['fr', 4], ['de', 3], ['es', 3]]);

const CHANNELS = picker([['email', 50], ['web', 15], ['native_messaging', 15], ['chat', 5], ['sms', 5], ['voice', 5], ['api', 5]]);
const KIND = { email: 'email', web: 'email', api: 'email', native_messaging: 'chat', chat: 'chat', sms: 'sms', voice: 'voice' };
const pickMsgs = picker([[2, 20], [3, 25], [4, 22], [5, 14], [6, 10], [7, 5], [8, 4]]);
const pickPriority = picker([['normal', 60], ['low', 10], ['high', 15], ['urgent', 3], [null, 12]]);
const pickType = picker([['question', 50], ['incident', 25], ['problem', 5], ['task', 3], [null, 17]]);
const PRIO_FACTOR = { urgent: 0.3, high: 0.6, normal: 1, low: 1.5, null: 1 };

const RULES = {
  ack: [360000803, 'Notify requester of received request', 'trigger'],
  bot: [360000804, 'Auto-reply with order tracking', 'trigger'],
  ai: [360000802, 'Auto-solve conversations resolved by AI agent', 'trigger'],
  close: [360000801, 'Close ticket 4 days after status is set to solved', 'automation'],
};
const NOTIFY_RULE = '{"channel":"rule","source":{"from":{"deleted":false,"title":"Notify requester of comment update","id":360000805},"rel":"trigger"}}';
const STATUS_IDS = { new: 360000901, open: 360000902, pending: 360000903, hold: 360000904, solved: 360000905, closed: 360000905, deleted: 360000906 };
const ZD = 'https://acmeoutdoor.zendesk.com/api/v2';
const SUPPORT_EMAIL = 'support@shop.example', SUPPORT_NAME = 'Acme Outdoor Support', SUPPORT_PHONE = '+15555550000';
const J = JSON.stringify;

function escHtml(s) { return /[&<>"]/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;') : s; }
function zdHtml(s) { return '<div class="zd-comment" dir="auto"><p dir="auto">' + escHtml(s).split('\n\n').join('</p><p dir="auto">').replace(/\n/g, '<br>') + '</p></div>'; }
function ggHtml(s) { return '<div>' + escHtml(s).replace(/\n/g, '<br>') + '</div>'; }
function excerpt(s) { if (s.length <= 100) return s; let n = 100; const c = s.charCodeAt(n - 1); if (c >= 0xd800 && c <= 0xdbff) n--; return s.slice(0, n); }

// ───────────────────────────────────────────── generator ─────────────────────────────────────────────
class Gen {
  constructor(o, N) {
    this.o = o; this.N = Math.max(1, N);
    this.R = new Rng(hash32(o.seed, 0x5eed));
    this.start = o.startSec; this.end = o.startSec + o.days * DAY;
    // arrival-time CDF over hourly buckets: weekday/daytime pattern × per-day noise
    const HW = [0.2, 0.15, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.3, 1.7, 1.9, 1.9, 1.8, 1.8, 1.9, 1.8, 1.6, 1.4, 1.2, 1.1, 1.0, 0.9, 0.6, 0.35];
    const DW = [0.55, 1.15, 1.1, 1.05, 1.0, 0.95, 0.6]; // Sun..Sat
    const nb = o.days * 24; this.cdf = new Float64Array(nb + 1); let s = 0;
    for (let d = 0; d < o.days; d++) {
      const noise = 0.85 + 0.3 * this.R.f(); const w = dow(this.start + d * DAY);
      for (let h = 0; h < 24; h++) { s += HW[h] * DW[w] * noise; this.cdf[d * 24 + h + 1] = s; }
    }
    for (let b = 0; b <= nb; b++) this.cdf[b] /= s;
    // agents
    const nAgents = 5 + this.R.int(11);
    this.agents = AGENT_POOL.slice(0, nAgents).map((a, i) => ({ idx: i, zid: 361000001 + i, gid: 387654401 + i, name: a[0], first: a[1], last: a[2], email: a[3] + '@shop.example', lang: a[4], group: GROUPS[a[5]], role: a[6], w: 0.5 + this.R.f() }));
    this.byGroup = {};
    for (const g of Object.values(GROUPS)) this.byGroup[g] = this.agents.filter((a) => a.group === g);
    this.nCust = 0; this.auditId = 90000001; this.eventId = 95000001; this.ratingId = 41000001; this.msgId = 208822501; this.surveyId = 3416001;
    this.customerCache = new Map();
  }

  timeAt(u) { // inverse CDF → seconds (minute-aligned) + random seconds
    const c = this.cdf; let lo = 0, hi = c.length - 1;
    while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (c[mid] <= u) lo = mid; else hi = mid; }
    const frac = (u - c[lo]) / ((c[lo + 1] - c[lo]) || 1);
    return this.start + lo * 3600 + Math.min(59, Math.floor(frac * 60)) * 60;
  }

  pickAgent(group) {
    const list = this.byGroup[group].length ? this.byGroup[group] : this.agents;
    let s = 0; for (const a of list) s += a.w;
    let r = this.R.f() * s; for (const a of list) { r -= a.w; if (r < 0) return a; }
    return list[list.length - 1];
  }

  customer(k) { // derived only from (seed, k) so repeat customers and the users list agree
    let c = this.customerCache.get(k);
    if (c) return c;
    const r = new Rng(hash32(this.o.seed ^ 0xc0ffee, k));
    const lang = pickLang(r); const P = NAMES[lang];
    let first, last, name, local;
    if (lang === 'ja') { const f = r.pick(P.first), l = r.pick(P.last); first = f[0]; last = l[0]; name = l[0] + ' ' + f[0]; local = f[1] + '.' + l[1]; }
    else { first = r.pick(P.first); last = r.pick(P.last); name = first + ' ' + last; local = FOLDED.get(first) + '.' + FOLDED.get(last); }
    const loc = LOCALE[lang];
    const digits = String(1000000 + ((k * 7919 + 1234) % 9000000)).slice(1);
    c = { k, lang, first, last, name, email: `${local}${k}@${loc[3]}`, phone: PHONE_PREFIX[lang] + digits + String(k % 10), hasPhone: r.chance(0.4),
      created: this.start - (1 + r.int(700)) * DAY + r.int(DAY), zid: 362000001 + k, gid: 387705301 + k };
    if (this.customerCache.size >= 65536) this.customerCache.clear();
    this.customerCache.set(k, c);
    return c;
  }

  // Build text: a lead sentence plus distinct sentences from the pools, joined in the ticket language, up to a target
  // length (Japanese carries more per character, so its targets are halved).
  text(lang, first, pools, min, max, ctx) {
    const R = this.R; const j = JOIN[lang];
    if (lang === 'ja') { min = Math.max(20, min >> 1); max >>= 1; }
    const target = min + R.int(max - min + 1);
    let s = fill(first, ctx);
    const used = [first];
    let n = 0; for (const p of pools) n += p.length;
    for (let guard = 0; s.length < target && guard < 16 && used.length <= n; guard++) {
      let r = R.int(n), k = 0; while (r >= pools[k].length) r -= pools[k++].length;
      const tpl = pools[k][r];
      if (used.includes(tpl)) continue;
      used.push(tpl);
      const add = fill(tpl, ctx);
      if (s.length + add.length > max + 40) break;
      s += (s.length > 120 && R.chance(0.2) ? '\n\n' : j) + add;
    }
    return s;
  }

  ticket(i) {
    const R = this.R;
    const id = this.o.idBase + i;
    let u = (i + R.f()) / this.N; if (u >= 1) u = 1 - 1e-9;
    const baseSec = R.int(60);
    const created = this.timeAt(u) + baseSec;
    let k;
    if (this.nCust > 0 && R.chance(0.3)) k = R.chance(0.5) ? this.nCust - 1 - R.int(Math.min(this.nCust, 400)) : R.int(this.nCust);
    else k = this.nCust++;
    const cust = this.customer(k); const lang = cust.lang;
    const chan = CHANNELS(R); const kind = KIND[chan];
    const topic = pickTopic(R);
    const tags = [R.chance(lang === 'ja' ? 0.5 : 0) ? topic.tagJa : topic.key];
    if (R.chance(0.45)) { const rel = R.pick(RELATED[topic.key]); if (!tags.includes(rel)) tags.push(rel); }
    if (R.chance(0.2)) tags.push(R.pick(EXTRA_TAGS));
    const priority = pickPriority(R), type = pickType(R);
    const or = R.f();
    const outcome = or < 0.01 ? 'deleted' : or < 0.04 ? 'new' : or < 0.06 ? 'hold' : or < 0.11 ? 'pending' : or < 0.16 ? 'open' : or < 0.25 ? 'automated' : 'resolved';
    const group = lang === 'ja' ? GROUPS.ja : topic.ret ? GROUPS.ret : GROUPS.sup;
    const agent = this.pickAgent(group);
    const products = lang === 'ja' ? PRODUCTS.ja : PRODUCTS.en;
    const order = '#' + (10000 + R.int(90000));
    const track = '1Z' + (100000000 + R.int(900000000)).toString(36).toUpperCase() + (1000 + R.int(9000));
    const ctx = [order, track, R.pick(products), fmtDate(created - (1 + R.int(6)) * DAY, lang), cust.first, agent.first, String(id), String(1000 + R.int(9000))];
    const subjTpl = R.pick(topic.subj[lang]);
    let subject = fill(subjTpl, ctx);
    if ((chan === 'native_messaging' || chan === 'chat') && R.chance(0.5)) subject = 'Conversation with ' + cust.name;
    else if (chan === 'voice') subject = 'Call from: ' + cust.phone;
    const m = { id, i, created, cust, lang, chan, kind, topic, tags, priority, type, group, agent, outcome, subject, ctx, audits: [], rating: null,
      supportType: 'agent', frac: R.chance(0.35) ? '' : '.' + String(R.int(1000000)).padStart(6, '0'), ufrac: '.' + String(R.int(1000000)).padStart(6, '0'), genJitter: R.int(60) };
    const A = m.audits; const isChat = kind === 'chat';
    const al = (x) => created + Math.ceil((x - created) / 60) * 60;
    const mins = (x) => Math.max(1, Math.round(x)) * 60;
    const agentAt = (x) => {
      if (inHours(x) || R.chance(isChat ? 0.25 : 0.08)) return al(x);
      return al(nextOpen(x) + R.int(45) * 60);
    };
    const pf = PRIO_FACTOR[priority];
    const frtGap = () => mins((kind === 'email' ? R.logn(120, 1.1) : isChat ? R.logn(3, 0.8) : kind === 'sms' ? R.logn(20, 0.9) : R.logn(6, 0.6)) * pf);
    const agentGap = () => mins(kind === 'email' ? R.logn(60, 1) : isChat ? R.logn(2, 0.7) : kind === 'sms' ? R.logn(10, 0.8) : R.logn(30, 1));
    const custGap = () => mins(kind === 'email' ? R.logn(150, 1.2) : isChat ? R.logn(2, 0.8) : kind === 'sms' ? R.logn(12, 1) : R.logn(120, 1));
    const L = lang;
    const greetC = (body) => (kind === 'email' ? fill(R.pick(GREET.cust[L]), ctx) + body + fill(R.pick(GREET.custSign[L]), ctx) : body);
    const greetA = (body) => (kind === 'email' ? fill(R.pick(GREET.agent[L]), ctx) + body + fill(R.pick(GREET.agentSign[L]), ctx) : body);
    const custFirstBody = () => greetC(this.text(L, R.pick(topic.open[L]), [TXT.custFill[L]], isChat ? 50 : 70, isChat ? 200 : 460, ctx));
    const custFollowBody = () => greetC(this.text(L, R.pick(TXT.custFollow[L]), [TXT.custFill[L]], isChat ? 20 : 50, isChat ? 120 : 280, ctx));
    let agentFirst = true;
    const agentBody = (ask) => {
      const s = agentFirst ? this.text(L, R.pick(TXT.agentOpen[L]), [topic.agent[L]], isChat ? 60 : 110, isChat ? 230 : 400, ctx)
        : this.text(L, R.pick(topic.agent[L]), [TXT.agentFill[L]], isChat ? 50 : 90, isChat ? 200 : 380, ctx);
      return greetA(ask ? s + JOIN[L] + fill(R.pick(TXT.agentAsk[L]), ctx) : s);
    };
    const noteBody = () => { const nl = L === 'ja' && R.chance(0.5) ? 'ja' : 'en'; return this.text(nl, R.pick(TXT.note[nl]), [TXT.note[nl]], 50, 200, ctx); };

    let t = created; let status = 'new'; let assigned = false; let msgs = 1; let last = 'c';
    const setStatus = (a, s) => { if (s !== status) { a.changes.push(['status', s, status]); status = s; } };
    const push = (a) => { A.push(a); t = a.t; return a; };
    push({ t: created, actor: 'c', comment: { pub: true, body: custFirstBody() }, create: true, changes: [['status', 'new', null]] });

    const assign = (tAction, who) => { // returns changes to merge into the action's audit, or []
      if (assigned) return [];
      assigned = true;
      const ch = [['assignee_id', agent, null]];
      if (status === 'new') { ch.push(['status', 'open', 'new']); status = 'open'; }
      const span = ((tAction - t) / 60) | 0;
      if (span >= 2) { push({ t: t + (1 + R.int(Math.min(span - 1, 30))) * 60, actor: 'a', agent: who, comment: null, changes: ch }); return []; }
      return ch;
    };
    const agentReply = (pending, ask) => {
      const x = agentAt(t + (agentFirst ? frtGap() : agentGap()));
      const ch = assign(x, agent);
      const a = push({ t: x, actor: 'a', agent, comment: { pub: true, body: agentBody(ask) }, changes: ch });
      agentFirst = false; msgs++; last = 'a';
      if (pending) setStatus(a, 'pending'); else if (status === 'hold' || status === 'new') setStatus(a, 'open');
      return a;
    };
    const custReply = (body) => {
      const a = push({ t: t + custGap(), actor: 'c', comment: { pub: true, body: body || custFollowBody() }, changes: [] });
      if (status === 'pending') setStatus(a, 'open');
      msgs++; last = 'c';
      return a;
    };
    const note = (hold) => {
      const who = R.chance(0.6) ? agent : this.pickAgent(group);
      const x = agentAt(t + mins(isChat ? R.logn(3, 0.7) : R.logn(25, 1)));
      const ch = assign(x, who);
      const a = push({ t: x, actor: 'a', agent: who, comment: { pub: false, body: noteBody() }, changes: ch });
      if (hold) setStatus(a, 'hold');
      msgs++; last = 'n';
      return a;
    };
    const ruleComment = (rule, body, gapMin) => { push({ t: t + gapMin * 60, actor: 'r', rule, comment: { pub: true, body }, changes: [] }); msgs++; last = 'r'; };
    let solveT = null;
    const solve = (inLast) => {
      if (inLast && last === 'a') { setStatus(A[A.length - 1], 'solved'); solveT = t; return; }
      const x = agentAt(t + mins(isChat ? R.logn(3, 0.8) : R.logn(10, 1)));
      const a = push({ t: x, actor: 'a', agent, comment: null, changes: assign(x, agent) });
      setStatus(a, 'solved'); solveT = x;
    };
    const autoAck = kind === 'email' && R.chance(0.3);

    if (outcome === 'deleted') {
      if (R.chance(0.5)) agentReply(false, false);
    } else if (outcome === 'new') {
      if (autoAck) ruleComment(RULES.ack, fill(TXT.autoAck[L][0], ctx), 1);
      if (R.chance(0.4)) custReply();
    } else if (outcome === 'automated') {
      if ((isChat || kind === 'sms') && R.chance(0.7)) m.supportType = 'ai_agent';
      ruleComment(RULES.bot, fill(R.pick(TXT.autoAnswer[L]), ctx), 1 + R.int(3));
      if (R.chance(0.5)) custReply(fill(R.pick(TXT.custFollow[L]), ctx));
      const a = push({ t: t + (1 + R.int(3)) * 60, actor: 'r', rule: m.supportType === 'ai_agent' ? RULES.ai : RULES.bot, comment: null, changes: [] });
      setStatus(a, 'solved'); solveT = a.t;
    } else {
      const reopen = outcome === 'resolved' && R.chance(0.08);
      let M = pickMsgs(R); if (reopen) M = Math.min(M, 6); else if (outcome !== 'resolved') M = Math.min(M, 7);
      if (autoAck) ruleComment(RULES.ack, fill(TXT.autoAck[L][0], ctx), 1);
      while (msgs < M) {
        const remaining = M - msgs;
        if (last === 'a') custReply();
        else if (last !== 'n' && remaining >= 2 && R.chance(0.15)) note(remaining >= 3 && R.chance(0.3));
        else { const more = remaining >= 2; const ask = more && R.chance(0.35); agentReply(more && (ask || R.chance(0.3)), ask); }
      }
      if (outcome === 'resolved') {
        if (agentFirst || last === 'n') agentReply(false, false);
        solve(R.chance(0.5));
        if (reopen) {
          const a = push({ t: t + mins(Math.min(R.logn(600, 1.2), 3 * 1440)), actor: 'c', comment: { pub: true, body: greetC(this.text(L, R.pick(TXT.custReopen[L]), [TXT.custFill[L]], 50, 260, ctx)) }, changes: [] });
          setStatus(a, 'open'); last = 'c';
          agentReply(false, false);
          solve(R.chance(0.5));
        }
      } else if (outcome === 'pending') {
        if (last === 'a' && status !== 'pending') setStatus(A[A.length - 1], 'pending');
        else if (last !== 'a') agentReply(true, true);
      } else if (outcome === 'open') {
        if (last === 'a' && status === 'pending') custReply();
        else if (!assigned) { const x = agentAt(t + frtGap()); const ch = assign(x, agent); if (ch.length) push({ t: x, actor: 'a', agent, comment: null, changes: ch }); }
      } else if (outcome === 'hold') {
        note(true);
      }
    }
    // CSAT + automatic close
    if (solveT !== null) {
      if (R.chance(0.6)) {
        const offeredAt = solveT + 3600;
        const rt = m.rating = { id: this.ratingId++, offeredAt, answeredAt: null, score: 'offered', comment: null, reason: null, num: null };
        if (R.chance(0.4)) {
          const at = offeredAt + mins(R.logn(150, 1.3));
          if (at < solveT + 4 * DAY) {
            const good = R.chance(0.8);
            rt.answeredAt = at; rt.score = good ? 'good' : 'bad';
            rt.num = good ? (R.chance(0.7) ? 5 : 4) : 1 + R.int(3);
            rt.comment = R.chance(0.55) ? fill(R.pick((good ? TXT.csatGood : TXT.csatBad)[L]), ctx) : '';
            if (!good) rt.reason = R.pick(CSAT_REASONS);
            push({ t: at, actor: 'c', via: 'web', comment: null, changes: [], rating: rt });
          }
        }
      }
      const a = push({ t: solveT + 4 * DAY, actor: 'r', rule: RULES.close, comment: null, changes: [] });
      setStatus(a, 'closed');
    }
    // cut at export time
    const end = this.end;
    while (A.length > 1 && A[A.length - 1].t > end) A.pop();
    if (m.rating) {
      if (m.rating.offeredAt > end) m.rating = null;
      else if (m.rating.answeredAt !== null && m.rating.answeredAt > end) Object.assign(m.rating, { answeredAt: null, score: 'offered', comment: null, reason: null, num: null });
    }
    this.derive(m);
    return m;
  }

  // Everything the exports state about a ticket is derived here from its (cut) audit list.
  derive(m) {
    const created = m.created;
    let status = null, assignee = null, replies = 0, firstReply = null, firstRes = null, lastRes = null, reopens = 0;
    let assignedAt = null, agentUpd = null, reqUpd = null, statusUpd = created, latestComment = null, lastT = created;
    let lastCust = created, lastPublic = created, firstAgentT = null, lastNonClose = created;
    const hist = [];
    for (const a of m.audits) {
      lastT = a.t;
      if (a.rule !== RULES.close) lastNonClose = a.t;
      if (a.actor === 'a') { agentUpd = a.t; if (firstAgentT === null) firstAgentT = a.t; }
      if (a.actor === 'c') reqUpd = a.t;
      if (a.comment) {
        latestComment = a.t;
        if (a.comment.pub) { lastPublic = a.t; if (a.actor === 'c') lastCust = a.t; }
        if (a.comment.pub && a.actor === 'a') { replies++; if (firstReply === null) firstReply = a.t; }
      }
      for (const ch of a.changes) {
        if (ch[0] === 'assignee_id') { assignee = ch[1]; if (assignedAt === null) assignedAt = a.t; }
        else if (ch[0] === 'status') {
          const v = ch[1], prev = ch[2]; status = v; statusUpd = a.t; hist.push(a.t, v);
          const wasRes = prev === 'solved' || prev === 'closed', isRes = v === 'solved' || v === 'closed';
          if (isRes && !wasRes) { if (firstRes === null) firstRes = a.t; lastRes = a.t; }
          if (wasRes && !isRes) reopens++;
        }
      }
    }
    const resolved = status === 'solved' || status === 'closed';
    const d = m.d = { status: m.outcome === 'deleted' ? 'deleted' : status, resolved, assignee, replies, firstReply, firstRes, lastRes: resolved ? lastRes : null, reopens,
      assignedAt, agentUpd, reqUpd, statusUpd, latestComment, lastT, lastCust, lastPublic, firstAgentT, lastNonClose, waits: null };
    if (m.rating && m.rating.offeredAt > d.lastT) d.lastT = m.rating.offeredAt;
    if (resolved) { // wait times over the status history up to the final resolution
      const w = { agent: [0, 0], req: [0, 0], hold: [0, 0] };
      for (let j = 0; j < hist.length; j += 2) {
        const a = hist[j], s = hist[j + 1]; const b = j + 2 < hist.length ? hist[j + 2] : lastRes;
        if (a >= lastRes) break;
        const e = Math.min(b, lastRes); const cal = e - a, biz = bizSeconds(a, e);
        if (s === 'pending') { w.agent[0] += cal; w.agent[1] += biz; }
        if (s === 'new' || s === 'open' || s === 'hold') { w.req[0] += cal; w.req[1] += biz; }
        if (s === 'hold') { w.hold[0] += cal; w.hold[1] += biz; }
      }
      d.waits = w;
    }
  }

  // ─────────────── Zendesk ───────────────
  zdVia(m, actor, via) {
    if (actor === 'a' || via === 'web') return '{"channel":"web","source":{"from":{},"to":{},"rel":null}}';
    const c = m.cust;
    if (m.chan === 'email') return `{"channel":"email","source":{"from":{"address":${J(c.email)},"name":${J(c.name)}},"to":{"address":"${SUPPORT_EMAIL}","name":"${SUPPORT_NAME}"},"rel":null}}`;
    if (m.chan === 'voice') return `{"channel":"voice","source":{"from":{"formatted_phone":"${c.phone}","phone":"${c.phone}","name":${J(c.name)}},"to":{"formatted_phone":"${SUPPORT_PHONE}","phone":"${SUPPORT_PHONE}"},"rel":"inbound"}}`;
    return `{"channel":"${m.chan}","source":{"from":{},"to":{},"rel":null}}`;
  }

  zdTicket(m) {
    const d = m.d, c = m.cust, id = m.id;
    const mins = (a, b) => (a === null || b === null ? 'null' : String(Math.round((b - a) / 60)));
    const bmin = (a, b) => (a === null || b === null ? 'null' : String(Math.floor(bizSeconds(a, b) / 60)));
    const pair = (a, b) => `{"calendar":${mins(a, b)},"business":${bmin(a, b)}}`;
    const wpair = (w) => (w ? `{"calendar":${Math.round(w[0] / 60)},"business":${Math.floor(w[1] / 60)}}` : '{"calendar":null,"business":null}');
    const ts = (t) => (t === null ? 'null' : '"' + isoZ(t) + '"');
    const r = m.rating;
    let sat;
    if (!r) sat = '{"score":"unoffered"}';
    else if (r.score === 'offered') sat = `{"id":${r.id},"score":"offered"}`;
    else sat = `{"id":${r.id},"score":"${r.score}","comment":${J(r.comment)}}`;
    const cf = `[{"id":360000444,"value":"${m.topic.field}"},{"id":360000445,"value":"${m.ctx[0]}"}]`;
    const desc = m.audits[0].comment.body;
    const msg = m.chan === 'native_messaging';
    const upd = isoZ(d.lastT);
    const w = d.waits;
    const metric = `{"url":"${ZD}/ticket_metrics/${7700000 + m.i + 1}","id":${7700000 + m.i + 1},"ticket_id":${id},"created_at":"${isoZ(m.created)}","updated_at":"${upd}",` +
      `"group_stations":1,"assignee_stations":${d.assignedAt === null ? 0 : 1},"reopens":${d.reopens},"replies":${d.replies},` +
      `"assignee_updated_at":${ts(d.agentUpd)},"requester_updated_at":${ts(d.reqUpd)},"status_updated_at":${ts(d.statusUpd)},"initially_assigned_at":${ts(d.assignedAt)},` +
      `"assigned_at":${ts(d.assignedAt)},"solved_at":${ts(d.lastRes)},"latest_comment_added_at":${ts(d.latestComment)},` +
      `"reply_time_in_minutes":${pair(d.firstReply === null ? null : m.created, d.firstReply)},` +
      `"first_resolution_time_in_minutes":${pair(d.firstRes === null ? null : m.created, d.firstRes)},` +
      `"full_resolution_time_in_minutes":${pair(d.lastRes === null ? null : m.created, d.lastRes)},` +
      `"agent_wait_time_in_minutes":${wpair(w && w.agent)},"requester_wait_time_in_minutes":${wpair(w && w.req)},"on_hold_time_in_minutes":${wpair(w && w.hold)},` +
      `"custom_status_updated_at":${ts(d.statusUpd)}` +
      (msg ? `,"reply_time_in_seconds":{"calendar":${d.firstReply === null ? 'null' : d.firstReply - m.created}}}` : '}');
    const subj = J(m.subject);
    return `{"url":"${ZD}/tickets/${id}.json","id":${id},"external_id":null,"via":${this.zdVia(m, 'c')},"created_at":"${isoZ(m.created)}","updated_at":"${upd}",` +
      `"generated_timestamp":${d.lastT + m.genJitter},"type":${m.type === null ? 'null' : '"' + m.type + '"'},"subject":${subj},"raw_subject":${subj},"description":${J(desc)},` +
      `"priority":${m.priority === null ? 'null' : '"' + m.priority + '"'},"status":"${d.status}","custom_status_id":${STATUS_IDS[d.status]},` +
      `"recipient":${m.chan === 'email' ? '"' + SUPPORT_EMAIL + '"' : 'null'},"requester_id":${c.zid},"submitter_id":${c.zid},"assignee_id":${d.assignee ? d.assignee.zid : 'null'},` +
      `"organization_id":null,"group_id":${m.group},"collaborator_ids":[],"follower_ids":[],"email_cc_ids":[],"forum_topic_id":null,"problem_id":null,"has_incidents":false,` +
      `"is_public":true,"due_at":null,"tags":${J(m.tags)},"custom_fields":${cf},"satisfaction_rating":${sat},"sharing_agreement_ids":[],"fields":${cf},` +
      `"followup_ids":[],"ticket_form_id":360000070,"brand_id":360000050,"allow_channelback":${msg},"allow_attachments":true,"from_messaging_channel":${msg},` +
      `"support_type":"${m.supportType}","metric_set":${metric}}`;
  }

  zdAudits(m) {
    const out = []; const c = m.cust; const id = m.id;
    for (const a of m.audits) {
      const aid = this.auditId++;
      const author = a.actor === 'c' ? c.zid : a.actor === 'a' ? a.agent.zid : -1;
      const via = a.actor === 'r' ? `{"channel":"rule","source":{"from":{"id":${a.rule[0]},"title":"${a.rule[1]}","deleted":false},"to":{},"rel":"${a.rule[2]}"}}` : this.zdVia(m, a.actor, a.via);
      const ev = [];
      if (a.comment) {
        const b = J(a.comment.body);
        ev.push(`{"type":"Comment","author_id":${author},"body":${b},"public":${a.comment.pub},"id":${this.eventId++},"attachments":[],"audit_id":${aid},"html_body":${J(zdHtml(a.comment.body))},"plain_body":${b}}`);
      }
      for (const ch of a.changes) {
        const f = ch[0]; const v = f === 'assignee_id' ? '"' + ch[1].zid + '"' : '"' + ch[1] + '"';
        if (a.create) ev.push(`{"type":"Create","field_name":"${f}","value":${v},"id":${this.eventId++}}`);
        else ev.push(`{"type":"Change","field_name":"${f}","value":${v},"previous_value":${ch[2] === null ? 'null' : '"' + (f === 'assignee_id' ? ch[2].zid : ch[2]) + '"'},"id":${this.eventId++}}`);
      }
      if (a.create) ev.push(`{"type":"Create","field_name":"subject","value":${J(m.subject)},"id":${this.eventId++}}`, `{"type":"Create","field_name":"group_id","value":"${m.group}","id":${this.eventId++}}`);
      if (a.rating) ev.push(`{"type":"SatisfactionRating","score":"${a.rating.score}","assignee_id":${m.d.assignee ? m.d.assignee.zid : 'null'},"body":${J(a.rating.comment)},"id":${this.eventId++}}`);
      if (a.actor === 'a' && a.comment && a.comment.pub && m.kind === 'email') {
        ev.push(`{"type":"Notification","via":${NOTIFY_RULE},"id":${this.eventId++},"subject":"[Acme Outdoor] Re: {{ticket.title}}","body":"Your request ({{ticket.id}}) has been updated. To add additional comments, reply to this email.\\n\\n{{ticket.comments_formatted}}","recipients":[${c.zid}]}`);
      }
      out.push(`{"id":${aid},"ticket_id":${id},"created_at":"${isoZ(a.t)}","author_id":${author},"metadata":{"system":{},"custom":{}},"via":${via},"events":[${ev.join(',')}]}`);
    }
    return out.join(',');
  }

  zdRating(m) {
    const r = m.rating; if (!r) return null;
    const at = isoZ(r.answeredAt !== null ? r.answeredAt : r.offeredAt);
    let s = `{"url":"${ZD}/satisfaction_ratings/${r.id}.json","id":${r.id},"assignee_id":${m.d.assignee ? m.d.assignee.zid : 'null'},"group_id":${m.group},"requester_id":${m.cust.zid},"ticket_id":${m.id},"score":"${r.score}","created_at":"${at}","updated_at":"${at}"`;
    if (r.score !== 'offered') s += `,"comment":${J(r.comment)}`;
    if (r.reason) s += `,"reason":"${r.reason[0].replace(/"/g, '\\"')}","reason_id":${r.reason[1]}`;
    return s + '}';
  }

  zdUser(u, agent) {
    if (agent) {
      return `{"id":${u.zid},"url":"${ZD}/users/${u.zid}.json","name":${J(u.name)},"email":"${u.email}","created_at":"2023-01-10T09:00:00Z","updated_at":"${isoZ(this.start - 5 * DAY)}",` +
        `"time_zone":"UTC","iana_time_zone":"Etc/UTC","phone":null,"locale":"${u.lang === 'ja' ? 'ja' : 'en-US'}","organization_id":null,"role":"${u.role}","verified":true,"external_id":null,` +
        `"tags":[],"active":true,"suspended":false,"default_group_id":${u.group},"user_fields":{}}`;
    }
    const loc = LOCALE[u.lang];
    return `{"id":${u.zid},"url":"${ZD}/users/${u.zid}.json","name":${J(u.name)},"email":${J(u.email)},"created_at":"${isoZ(u.created)}","updated_at":"${isoZ(u.created + 3600)}",` +
      `"time_zone":"${loc[1]}","iana_time_zone":"${loc[2]}","phone":${u.hasPhone ? '"' + u.phone + '"' : 'null'},"locale":"${loc[0]}","organization_id":null,"role":"end-user","verified":true,` +
      `"external_id":"shopify-cust-${700 + u.k}","tags":[],"active":true,"suspended":false,"default_group_id":null,"user_fields":{}}`;
  }

  // ─────────────── Gorgias ───────────────
  ggPerson(u, agent) {
    return agent ? `{"id":${u.gid},"email":"${u.email}","name":${J(u.name)},"firstname":${J(u.first)},"lastname":${J(u.last)},"meta":{"name_set_via":"agent"}}`
      : `{"id":${u.gid},"email":${J(u.email)},"name":${J(u.name)},"firstname":${J(u.first)},"lastname":${J(u.last)},"meta":{"name_set_via":"email"}}`;
  }

  ggTicket(m) {
    const d = m.d, c = m.cust, id = m.id, fr = m.frac;
    const GCH = { email: ['email', 'email'], web: ['contact_form', 'contact_form'], api: ['api', 'api'], native_messaging: ['chat', 'gorgias_chat'], chat: ['chat', 'gorgias_chat'], sms: ['sms', 'sms'], voice: ['phone', 'twilio'] }[m.chan];
    const channel = GCH[0], via = GCH[1];
    const integ = channel === 'email' ? 66567 : channel === 'chat' ? 66568 : channel === 'sms' ? 66569 : channel === 'phone' ? 66570 : 'null';
    const cd = isoG(c.created, '');
    const cchan = `[{"id":${c.gid * 10 + 1},"type":"email","address":${J(c.email)},"preferred":true,"created_datetime":"${cd}","updated_datetime":"${cd}","deleted_datetime":null}` +
      (c.hasPhone || channel === 'sms' || channel === 'phone' ? `,{"id":${c.gid * 10 + 2},"type":"phone","address":"${c.phone}","preferred":false,"created_datetime":"${cd}","updated_datetime":"${cd}","deleted_datetime":null}]` : ']');
    const custObj = `{"id":${c.gid},"email":${J(c.email)},"name":${J(c.name)},"firstname":${J(c.first)},"lastname":${J(c.last)},"meta":{"name_set_via":"email"},"channels":${cchan},"external_id":"shopify-cust-${700 + c.k}","note":null,"data":null,"customer":null,"integrations":{}}`;
    const custP = this.ggPerson(c, false);
    const phoneLike = channel === 'sms' || channel === 'phone';
    const custAddr = phoneLike ? c.phone : c.email;
    const supAddr = channel === 'email' || channel === 'contact_form' || channel === 'api' ? SUPPORT_EMAIL : phoneLike ? SUPPORT_PHONE : '';
    const subjJ = J(m.subject);
    const msgs = [];
    let firstBody = '';
    for (const a of m.audits) {
      if (!a.comment) continue;
      const mid = this.msgId++; const t = isoG(a.t, fr); const body = a.comment.body;
      if (!firstBody) firstBody = body;
      const bt = J(body), bh = J(ggHtml(body));
      let chn = channel, mv, src, sender, receiver = 'null', fromAgent = true, rule = 'null', sent = '"' + t + '"', integId = integ;
      if (a.actor === 'c') {
        mv = via; fromAgent = false; sent = 'null'; sender = custP;
        src = `{"type":"${channel}","from":{"name":${J(c.name)},"address":${J(custAddr)}},"to":[{"name":"${SUPPORT_NAME}","address":"${supAddr}"}],"extra":null}`;
      } else if (a.actor === 'r') {
        mv = 'rule'; rule = 118801 + (a.rule === RULES.ack ? 0 : 1); sender = '{"id":387654499,"email":"bot@shop.example","name":"Gorgias Bot","firstname":"Gorgias","lastname":"Bot","meta":null}';
        receiver = custP; src = `{"type":"${channel}","from":{"name":"${SUPPORT_NAME}","address":"${supAddr}"},"to":[{"name":${J(c.name)},"address":${J(custAddr)}}],"extra":null}`;
      } else if (!a.comment.pub) {
        chn = 'internal-note'; mv = 'helpdesk'; sent = 'null'; integId = 'null'; sender = this.ggPerson(a.agent, true);
        src = `{"type":"internal-note","from":{"name":${J(a.agent.name)},"address":"${a.agent.email}"},"to":[],"extra":null}`;
      } else {
        mv = 'helpdesk'; sender = this.ggPerson(a.agent, true); receiver = custP;
        src = `{"type":"${channel}","from":{"name":"${SUPPORT_NAME}","address":"${supAddr}"},"to":[{"name":${J(c.name)},"address":${J(custAddr)}}],"extra":null}`;
      }
      const msgIdHdr = channel === 'email' ? `"<${mid}.${id}@email.gorgias.com>"` : 'null';
      msgs.push(`{"id":${mid},"uri":"/api/tickets/${id}/messages/${mid}/","message_id":${msgIdHdr},"ticket_id":${id},"external_id":null,"public":${a.comment.pub},"channel":"${chn}","via":"${mv}",` +
        `"source":${src},"sender":${sender},"receiver":${receiver},"integration_id":${integId},"rule_id":${rule},"from_agent":${fromAgent},` +
        `"subject":${channel === 'email' || chn === 'internal-note' ? subjJ : 'null'},"body_text":${bt},"body_html":${bh},"stripped_text":${bt},"stripped_html":${bh},"stripped_signature":null,` +
        `"headers":null,"attachments":[],"actions":null,"macros":[],"meta":null,"created_datetime":"${t}","sent_datetime":${sent},"failed_datetime":null,"deleted_datetime":null,"opened_datetime":null,"last_sending_error":null}`);
    }
    const closed = d.resolved && m.outcome !== 'deleted';
    const ag = d.assignee;
    const assignee = ag ? `{"id":${ag.gid},"email":"${ag.email}","name":${J(ag.name)},"firstname":${J(ag.first)},"lastname":${J(ag.last)},"meta":{"name_set_via":"agent"},"bio":null}` : 'null';
    const tags = '[' + m.tags.map((tg) => { const tid = 11001 + tagIndex(tg); return `{"id":${tid},"name":${J(tg)},"uri":"/api/tags/${tid}/","decoration":null}`; }).join(',') + ']';
    const r = m.rating;
    let survey = 'null', upd = d.lastNonClose; // Gorgias closes at resolution: no Zendesk-style 4-day auto-close
    if (r) {
      const sent = r.offeredAt;
      survey = `{"id":${this.surveyId++},"uri":"/api/satisfaction-surveys/${this.surveyId - 1}/","ticket_id":${id},"customer_id":${c.gid},"score":${r.num === null ? 'null' : r.num},` +
        `"body_text":${r.comment ? J(r.comment) : 'null'},"created_datetime":"${isoG(d.lastRes !== null ? d.lastRes : sent - 3600, '')}","should_send_datetime":"${isoG(sent, '')}",` +
        `"sent_datetime":"${isoG(sent, '')}","scored_datetime":${r.answeredAt !== null ? '"' + isoG(r.answeredAt, '') + '"' : 'null'},"meta":null}`;
      if (sent > upd) upd = sent;
      if (r.answeredAt !== null && r.answeredAt > upd) upd = r.answeredAt;
    }
    if (closed && d.lastRes > upd) upd = d.lastRes;
    const trashed = m.outcome === 'deleted' ? '"' + isoG(d.lastT + 600, fr) + '"' : 'null';
    const prio = m.priority === 'urgent' ? 'critical' : m.priority === null ? 'normal' : m.priority;
    return `{"id":${id},"uri":"/api/tickets/${id}/","external_id":null,"language":"${m.lang}","status":"${closed ? 'closed' : 'open'}","priority":"${prio}","channel":"${channel}","via":"${via}",` +
      `"from_agent":false,"spam":${m.outcome === 'deleted'},"customer":${custObj},"requester":${custObj},"assignee_user":${assignee},"assignee_team":null,"subject":${subjJ},` +
      `"excerpt":${J(excerpt(firstBody))},"integrations":[],"meta":null,"tags":${tags},"messages":[${msgs.join(',')}],"messages_count":${msgs.length},"is_unread":${d.firstAgentT === null},` +
      `"created_datetime":"${isoG(m.created, fr)}","opened_datetime":${d.firstAgentT === null ? 'null' : '"' + isoG(d.firstAgentT, fr) + '"'},` +
      `"last_received_message_datetime":"${isoG(d.lastCust, fr)}","last_message_datetime":"${isoG(d.lastPublic, fr)}","updated_datetime":"${isoG(upd, m.ufrac)}",` +
      `"closed_datetime":${closed ? '"' + isoG(d.lastRes, fr) + '"' : 'null'},"snooze_datetime":null,"trashed_datetime":${trashed},"satisfaction_survey":${survey},` +
      `"reply_options":{"${channel}":{"answerable":true},"internal-note":{"answerable":true}}}`;
  }

  // ─────────────── canonical (helpdesk-kpi/1, docs/formats/canonical.md) ───────────────
  // The same model as the Zendesk output, in the canonical vocabulary: events nested in their ticket, rule messages
  // as bot messages, rule status changes as system ones, the Zendesk-style CSAT on the good-bad scale.
  cnTicket(m) {
    const d = m.d, c = m.cust;
    const STATUS = { new: 'new', open: 'open', pending: 'pending', hold: 'on_hold', solved: 'resolved', closed: 'closed', deleted: 'deleted' };
    const CHAN = { email: 'email', web: 'web_form', api: 'api', native_messaging: 'chat', chat: 'chat', sms: 'sms', voice: 'voice' };
    const who = (a) => (a.actor === 'c' ? [`"cust-${c.zid}"`, 'customer'] : a.actor === 'a' ? [`"agent-${a.agent.zid}"`, 'agent'] : [null, null]);
    const msgs = [], changes = [];
    for (const a of m.audits) {
      const [author, kind] = who(a);
      if (a.comment) {
        const k = kind || 'bot';
        msgs.push(`{"at":"${isoZ(a.t)}",${author ? `"author_id":${author},` : ''}"author_kind":"${k}"${a.comment.pub ? '' : ',"public":false'}}`);
      }
      for (const ch of a.changes) {
        if (ch[0] !== 'status') continue;
        changes.push(`{"at":"${isoZ(a.t)}",${ch[2] ? `"from":"${STATUS[ch[2]]}",` : ''}"to":"${STATUS[ch[1]]}",` +
          `${author ? `"author_id":${author},` : ''}"author_kind":"${kind || 'system'}"}`);
      }
    }
    const r = m.rating;
    let ratings = '';
    if (r) {
      const at = isoZ(r.answeredAt !== null ? r.answeredAt : r.offeredAt);
      ratings = `,"ratings":[{"id":${r.id},"at":"${at}","scale":"good-bad"${r.score === 'offered' ? '' : `,"score":"${r.score}"`}` +
        `${d.assignee ? `,"agent_id":"agent-${d.assignee.zid}"` : ''}}]`;
    }
    return `{"id":${m.id},"created_at":"${isoZ(m.created)}","updated_at":"${isoZ(d.lastT)}","status":"${STATUS[d.status]}","raw_status":"${d.status}",` +
      `"channel":"${CHAN[m.chan]}","raw_channel":"${m.chan}","subject":${J(m.subject)},"tags":${J(m.tags)},"requester_id":"cust-${c.zid}",` +
      `"requester_email":${J(c.email)}${d.assignee ? `,"assignee_id":"agent-${d.assignee.zid}"` : ''}` +
      `${m.supportType === 'ai_agent' ? ',"bot_handled":true' : ''},"messages":[${msgs.join(',')}],"status_changes":[${changes.join(',')}]${ratings}}`;
  }

  cnUser(u, agent, line) {
    return `{${line ? '"record":"user",' : ''}"id":"${agent ? 'agent' : 'cust'}-${u.zid}","name":${J(u.name)},"email":${J(u.email)},"kind":"${agent ? 'agent' : 'customer'}"}`;
  }
}
const TAG_LIST = [...TOPICS.map((t) => t.key), ...TOPICS.map((t) => t.tagJa), ...EXTRA_TAGS];
const tagIndex = (tg) => TAG_LIST.indexOf(tg);

// ───────────────────────────────────────────── output ─────────────────────────────────────────────
// Strings are gathered in pieces of < 32K UTF-16 units and encoded straight into a 1 MiB binary buffer: flattening
// larger ropes would allocate in V8's large-object space (> 128 KB), which is ~10× slower. Full buffers go to the write
// stream; when it signals backpressure we wait for 'drain'.
const STR_CHUNK = 32768, BIN = 1 << 20;
class Out {
  constructor(file) {
    this.file = file; this.s = ''; this.bytes = 0; this.err = null;
    this.bin = Buffer.allocUnsafeSlow(BIN); this.pos = 0;
    this.ws = fs.createWriteStream(file, { highWaterMark: 4 * BIN });
    this.ws.on('error', (e) => { this.err = e; });
  }
  // Returns a promise only when the caller has to wait (backpressure); otherwise null.
  write(s) {
    if (s.length >= 1024 && s.length < STR_CHUNK) { // big piece: encode as is (smaller rope to flatten, no extra concat)
      let p = null;
      if (this.s) { p = this.encode(this.s); this.s = ''; }
      return this.encode(s) || p;
    }
    this.s += s;
    if (this.s.length < STR_CHUNK) return null;
    const str = this.s; this.s = '';
    return this.encode(str);
  }
  encode(str) {
    if (this.pos + str.length * 3 > BIN) {
      const p = this.push();
      if (str.length * 3 > BIN) { const b = Buffer.from(str, 'utf8'); this.bytes += b.length; const q = this.ws.write(b) ? null : once(this.ws, 'drain'); return p || q; }
      this.pos += this.bin.utf8Write(str, this.pos);
      return p;
    }
    this.pos += this.bin.utf8Write(str, this.pos);
    return null;
  }
  push() { // hand the filled binary buffer to the stream
    if (this.err) throw this.err;
    if (this.pos === 0) return null;
    const b = this.bin.subarray(0, this.pos); this.bytes += this.pos;
    this.bin = Buffer.allocUnsafeSlow(BIN); this.pos = 0;
    return this.ws.write(b) ? null : once(this.ws, 'drain');
  }
  written() { return this.bytes + this.pos + this.s.length; } // bytes so far (pending text counted 1 byte/char)
  async end() {
    if (this.s) { const str = this.s; this.s = ''; await this.encode(str); }
    await this.push();
    await new Promise((res, rej) => { this.ws.once('error', rej); this.ws.end(res); });
    if (this.err) throw this.err;
  }
}

function parseSize(s) {
  if (typeof s === 'number') return s;
  const m = /^\s*([\d.]+)\s*([kmgt]?i?b?)?\s*$/i.exec(String(s));
  if (!m) throw new Error(`bad size: ${s}`);
  const u = (m[2] || '').toLowerCase().replace(/b$/, '');
  const mult = { '': 1, k: 1e3, m: 1e6, g: 1e9, t: 1e12, ki: 1024, mi: 1024 ** 2, gi: 1024 ** 3, ti: 1024 ** 4 }[u];
  if (mult === undefined) throw new Error(`bad size unit: ${s}`);
  return Math.round(parseFloat(m[1]) * mult);
}

/**
 * Generate a synthetic export.
 * @param {{vendor?:'zendesk'|'gorgias'|'canonical', shape?:'document'|'jsonl', tickets?:number, bytes?:number|string, seed?:number,
 *          outDir:string, prefix?:string, start?:string, days?:number, ticketsOnly?:boolean}} opts
 * @returns {Promise<{files:string[], tickets:number, bytes:number, totalBytes:number}>} `bytes` = size of the main tickets file.
 */
export async function generate(opts = {}) {
  const vendor = opts.vendor || 'zendesk', shape = opts.shape || 'document';
  if (!['zendesk', 'gorgias', 'canonical'].includes(vendor)) throw new Error(`unknown vendor: ${vendor}`);
  if (!['document', 'jsonl'].includes(shape)) throw new Error(`unknown shape: ${shape}`);
  if (!opts.outDir) throw new Error('outDir is required');
  const seed = Number.isFinite(+opts.seed) && opts.seed !== null && opts.seed !== undefined ? +opts.seed | 0 : 42;
  const days = Math.max(1, Math.floor(+(opts.days ?? 90)));
  const startStr = opts.start || '2025-01-06';
  const startMs = Date.parse(/T/.test(startStr) ? startStr : startStr + 'T00:00:00Z');
  if (!Number.isFinite(startMs)) throw new Error(`bad start date: ${startStr}`);
  const bytesTarget = opts.bytes !== undefined && opts.bytes !== null ? parseSize(opts.bytes) : null;
  let nTickets = opts.tickets !== undefined && opts.tickets !== null ? Math.max(0, Math.floor(+opts.tickets)) : null;
  if (nTickets === null && bytesTarget === null) nTickets = 1000;
  const prefix = opts.prefix || vendor;
  const o = { seed, days, startSec: Math.floor(startMs / 1000), idBase: vendor === 'gorgias' ? 87000001 : 10001 };
  fs.mkdirSync(opts.outDir, { recursive: true });

  // Planned ticket count (spreads arrival times over the period). For --size, calibrate on a throw-away generator.
  // In the Zendesk document the users array (one entry per customer) is part of the main file and counts toward --size.
  const usersInMain = vendor === 'zendesk' && shape === 'document';
  let N = nTickets, userBytes = 0;
  if (N === null) {
    const K = 1500; const cal = new Gen(o, K); let b = 0;
    for (let i = 0; i < K; i++) { const m = cal.ticket(i); b += Buffer.byteLength(ticketText(cal, m)) + 1; }
    if (usersInMain) {
      for (let k = 0; k < cal.nCust; k++) userBytes += Buffer.byteLength(cal.zdUser(cal.customer(k), false)) + 1;
      b += userBytes; userBytes /= cal.nCust;
    }
    N = Math.max(1, Math.ceil(bytesTarget / (b / K)));
  }
  const g = new Gen(o, N);
  function ticketText(gen, m) { return vendor === 'zendesk' ? gen.zdTicket(m) : vendor === 'gorgias' ? gen.ggTicket(m) : gen.cnTicket(m); }
  const file = (suffix) => path.join(opts.outDir, prefix + suffix);
  const files = [];
  const main = new Out(file(shape === 'jsonl' ? '.jsonl' : '.json')); files.push(main.file);
  let audits = null, ratings = null;
  if (vendor === 'zendesk' && !opts.ticketsOnly) { audits = new Out(file('.ticket_audits.json')); ratings = new Out(file('.satisfaction_ratings.json')); files.push(audits.file, ratings.file); }
  const doc = shape === 'document';
  let p;
  if (doc) await main.write(vendor === 'zendesk' ? '{"tickets":[' : vendor === 'canonical' ? `{"format":"helpdesk-kpi/1","source":"gen-export seed ${seed}","tickets":[` : '{"data":[');
  else if (vendor === 'canonical') await main.write('{"format":"helpdesk-kpi/1","source":"gen-export seed ' + seed + '"}\n');
  if (audits) { await audits.write('{"audits":['); await ratings.write('{"satisfaction_ratings":['); }
  let count = 0, nRatings = 0, firstAudit = true, lastTicket = null;
  for (let i = 0; ; i++) {
    if (nTickets !== null ? i >= nTickets : main.written() + g.nCust * userBytes >= bytesTarget) break;
    const m = g.ticket(i);
    let s = ticketText(g, m);
    s = doc ? (i ? ',' : '') + s : s + '\n';
    if ((p = main.write(s))) await p;
    if (audits) {
      const a = g.zdAudits(m);
      if (a) { if ((p = audits.write(firstAudit ? a : ',' + a))) await p; firstAudit = false; }
      const r = g.zdRating(m);
      if (r) { if ((p = ratings.write((nRatings ? ',' : '') + r))) await p; nRatings++; }
    }
    lastTicket = m; count++;
  }
  if (vendor === 'zendesk') {
    const lastEpoch = lastTicket ? lastTicket.d.lastT : o.startSec;
    const cursor = Buffer.from(`${lastEpoch}.0||${lastTicket ? lastTicket.id : 0}|`).toString('base64');
    let users = main;
    if (doc) await main.write('],"users":[');
    else { users = new Out(file('.users.json')); files.push(users.file); await users.write('{"users":['); }
    for (let j = 0; j < g.agents.length; j++) await users.write((j ? ',' : '') + g.zdUser(g.agents[j], true));
    for (let k = 0; k < g.nCust; k++) if ((p = users.write(',' + g.zdUser(g.customer(k), false)))) await p;
    if (doc) await main.write(`],"after_url":null,"after_cursor":"${cursor}","before_url":null,"before_cursor":null,"end_of_stream":true}\n`);
    else { await users.write(']}\n'); await users.end(); }
    if (audits) {
      await audits.write('],"after_cursor":null,"after_url":null,"before_cursor":null,"before_url":null}\n');
      await ratings.write(`],"next_page":null,"previous_page":null,"count":${nRatings}}\n`);
      await audits.end(); await ratings.end();
    }
  } else if (vendor === 'canonical') {
    // Users after the tickets: every message names its author's kind, so nothing waits for them.
    if (doc) await main.write('],"users":[');
    const sep = doc ? ',' : '\n';
    for (let j = 0; j < g.agents.length; j++) await main.write((j && doc ? ',' : '') + g.cnUser(g.agents[j], true, !doc) + (doc ? '' : '\n'));
    for (let k = 0; k < g.nCust; k++) if ((p = main.write((doc ? sep : '') + g.cnUser(g.customer(k), false, !doc) + (doc ? '' : '\n')))) await p;
    if (doc) await main.write(']}\n');
  } else if (doc) {
    await main.write('],"object":"list","uri":"/api/tickets","meta":{"prev_cursor":null,"next_cursor":null}}\n');
  }
  await main.end();
  let totalBytes = 0;
  for (const f of files) totalBytes += fs.statSync(f).size;
  return { files, tickets: count, bytes: main.bytes, totalBytes };
}

// ───────────────────────────────────────────── CLI ─────────────────────────────────────────────
function usage() {
  return 'usage: node scripts/gen-export.mjs --vendor zendesk|gorgias|canonical --shape document|jsonl (--tickets N | --size 100MB)\n' +
    '                                   [--seed 42] --out DIR [--prefix NAME] [--start 2025-01-06] [--days 90] [--tickets-only]';
}
async function main(argv) {
  const a = {};
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '-h' || k === '--help') { process.stdout.write(usage() + '\n'); return; }
    if (k === '--tickets-only' || k === '--no-events') { a['tickets-only'] = true; continue; }
    if (!k.startsWith('--')) throw new Error(`unexpected argument: ${k}\n${usage()}`);
    const eq = k.indexOf('=');
    if (eq > 0) a[k.slice(2, eq)] = k.slice(eq + 1);
    else { if (i + 1 >= argv.length) throw new Error(`missing value for ${k}`); a[k.slice(2)] = argv[++i]; }
  }
  const known = ['vendor', 'shape', 'tickets', 'size', 'seed', 'out', 'prefix', 'start', 'days', 'tickets-only'];
  for (const k of Object.keys(a)) if (!known.includes(k)) throw new Error(`unknown option --${k}\n${usage()}`);
  if (!a.out) throw new Error(`--out DIR is required\n${usage()}`);
  const t0 = process.hrtime.bigint();
  const r = await generate({ vendor: a.vendor, shape: a.shape, tickets: a.tickets !== undefined ? +a.tickets : undefined, bytes: a.size, seed: a.seed !== undefined ? +a.seed : 42,
    outDir: a.out, prefix: a.prefix, start: a.start, days: a.days !== undefined ? +a.days : undefined, ticketsOnly: !!a['tickets-only'] });
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  const mb = (n) => (n / 1e6).toFixed(1) + ' MB';
  process.stderr.write(`gen-export: ${a.vendor || 'zendesk'}/${a.shape || 'document'} seed=${a.seed ?? 42} tickets=${r.tickets} main=${mb(r.bytes)} total=${mb(r.totalBytes)} ` +
    `files=${r.files.length} in ${sec.toFixed(2)}s (${(r.totalBytes / 1e6 / sec).toFixed(0)} MB/s) → ${r.files.join(', ')}\n`);
}
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => { process.stderr.write(`gen-export: ${e.message}\n`); process.exit(1); });
}
