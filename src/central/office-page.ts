/**
 * The office UI (issue 20): one page served by the office server, in the
 * shop's stylesheet and its two languages (Bahasa Indonesia by default,
 * English available; dictionaries kept in step, `OFFICE_WORDS`). It reads
 * the office procedures only; nothing on it writes except the admin's UMKM
 * link, which the server refuses to viewers anyway.
 */

export const OFFICE_WORDS = {
  id: {
    appName: 'Kantor PLUT — laporan provinsi',
    login: 'Masuk',
    username: 'Nama pengguna',
    password: 'Kata sandi',
    logout: 'Keluar',
    dashboard: 'Ringkasan',
    sales: 'Penjualan',
    stock: 'Stok',
    nearExpiry: 'Hampir kedaluwarsa',
    payouts: 'Pembayaran',
    province: 'UMKM provinsi',
    statement: 'Laporan gabungan',
    umkm: 'UMKM',
    outlet: 'Outlet',
    salesToday: 'Penjualan hari ini',
    salesCount: 'Transaksi',
    salesMonth: 'Penjualan bulan ini',
    lastForwarded: 'Terakhir terkirim',
    factsWaiting: 'Data menunggu',
    waitingSince: 'tertua {time}',
    waitingReported: 'dilaporkan {time}',
    notReported: 'belum melapor',
    lastDay: 'Hari usaha terakhir',
    silent: 'Tidak mengirim > 1 hari',
    ok: 'Lancar',
    never: 'belum pernah',
    total: 'Jumlah',
    from: 'Dari',
    to: 'Sampai',
    show: 'Tampilkan',
    by: 'Menurut',
    dimOutlet: 'Outlet',
    dimDistrict: 'Kabupaten/kota',
    dimSupplier: 'UMKM',
    dimCategory: 'Kategori',
    units: 'Unit',
    amount: 'Penjualan',
    supplierShare: 'Hak pemasok',
    shopShare: 'Bagian toko',
    none: '(tidak ada)',
    exportCsv: 'Unduh CSV',
    exportXlsx: 'Unduh XLSX',
    product: 'Barang',
    supplier: 'Pemasok',
    onHand: 'Stok',
    expiry: 'Kedaluwarsa',
    days: 'Hari ke depan',
    settlements: 'Kali bayar',
    paid: 'Dibayar',
    voided: 'Dibatalkan',
    net: 'Bersih',
    district: 'Kabupaten/kota',
    activeUmkm: 'UMKM aktif',
    umkmWithSales: 'UMKM dengan penjualan',
    pickUmkm: '— Pilih UMKM —',
    print: 'Cetak A4',
    opening: 'Saldo awal',
    fees: 'Biaya',
    adjustments: 'Koreksi',
    balance: 'Saldo',
    empty: 'Belum ada data.',
    wrongLogin: 'Nama pengguna atau kata sandi salah',
    error: 'Terjadi kesalahan',
    language: 'English',
    readOnly: 'Hanya baca',
    outlets: '{n} outlet',
    badPeriod: 'Isi tanggal dd/mm/yyyy; tanggal awal tidak boleh setelah tanggal akhir',
  },
  en: {
    appName: 'PLUT office — province reports',
    login: 'Log in',
    username: 'Username',
    password: 'Password',
    logout: 'Log out',
    dashboard: 'Overview',
    sales: 'Sales',
    stock: 'Stock',
    nearExpiry: 'Near expiry',
    payouts: 'Payouts',
    province: 'Province UMKM',
    statement: 'Consolidated statement',
    umkm: 'UMKM',
    outlet: 'Outlet',
    salesToday: 'Sales today',
    salesCount: 'Transactions',
    salesMonth: 'Sales this month',
    lastForwarded: 'Last forwarded',
    factsWaiting: 'Facts waiting',
    waitingSince: 'oldest {time}',
    waitingReported: 'reported {time}',
    notReported: 'not reported yet',
    lastDay: 'Last business day',
    silent: 'Silent > 1 day',
    ok: 'Up to date',
    never: 'never',
    total: 'Total',
    from: 'From',
    to: 'To',
    show: 'Show',
    by: 'By',
    dimOutlet: 'Outlet',
    dimDistrict: 'Regency/city',
    dimSupplier: 'UMKM',
    dimCategory: 'Category',
    units: 'Units',
    amount: 'Sales',
    supplierShare: 'Supplier share',
    shopShare: 'Shop share',
    none: '(none)',
    exportCsv: 'Download CSV',
    exportXlsx: 'Download XLSX',
    product: 'Product',
    supplier: 'Supplier',
    onHand: 'On hand',
    expiry: 'Expiry',
    days: 'Days ahead',
    settlements: 'Payouts made',
    paid: 'Paid',
    voided: 'Voided',
    net: 'Net',
    district: 'Regency/city',
    activeUmkm: 'Active UMKM',
    umkmWithSales: 'UMKM with sales',
    pickUmkm: '— Choose UMKM —',
    print: 'Print A4',
    opening: 'Opening balance',
    fees: 'Fees',
    adjustments: 'Corrections',
    balance: 'Balance',
    empty: 'No data yet.',
    wrongLogin: 'Wrong username or password',
    error: 'Something went wrong',
    language: 'Bahasa Indonesia',
    readOnly: 'Read only',
    outlets: '{n|outlet|outlets}',
    badPeriod: 'Type dates as dd/mm/yyyy; the start may not be after the end',
  },
} as const;

/** The page's code, served as /office.js: the page runs under a CSP without inline scripts. */
export const OFFICE_SCRIPT = String.raw`
const W = JSON.parse(document.getElementById('words').textContent);
let lang = localStorage.getItem('office.lang') || 'id';
let token = sessionStorage.getItem('office.token');
let me = null;
let view = 'dashboard';
const t = (k, vars) => {
  let s = W[lang][k] ?? k;
  if (vars) for (const [n, v] of Object.entries(vars)) {
    s = s.replace(new RegExp('\\{' + n + '\\|([^|}]*)\\|([^}]*)\\}'), (_, one, many) => v + ' ' + (v === 1 ? one : many)).replace('{' + n + '}', String(v));
  }
  return s;
};
const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const rp = (n) => (n < 0 ? '-' : '') + 'Rp ' + new Intl.NumberFormat('id-ID').format(Math.abs(n));
const num = (n) => new Intl.NumberFormat('id-ID').format(n);
const dmy = (iso) => (iso ? iso.slice(8, 10) + '/' + iso.slice(5, 7) + '/' + iso.slice(0, 4) : '');
const MONTHS = { id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'], en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] };
const when = (isoTime) => {
  if (!isoTime) return t('never');
  const d = new Date(new Date(isoTime).getTime() + 8 * 3600000);
  return d.getUTCDate() + ' ' + MONTHS[lang][d.getUTCMonth()] + ' ' + d.getUTCFullYear() + ', ' + String(d.getUTCHours()).padStart(2, '0') + '.' + String(d.getUTCMinutes()).padStart(2, '0');
};
const today = () => new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);
const params = new URLSearchParams(location.search);
const state = { from: params.get('from') || today().slice(0, 8) + '01', to: params.get('to') || today(), dimension: 'outlet', days: 30, umkmKey: '' };
if (params.get('today')) state.today = params.get('today');

async function call(name, input) {
  const r = await fetch('/api/' + name, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: 'Bearer ' + token } : {}) }, body: JSON.stringify({ input }) });
  const body = await r.json();
  if (!r.ok) throw Object.assign(new Error(body.error?.message || t('error')), { code: body.error?.code });
  return body.result;
}
const $ = (sel) => document.querySelector(sel);
const main = () => $('#main');

function renderShell() {
  document.documentElement.lang = lang;
  document.title = t('appName');
  $('#app').innerHTML = me
    ? '<header class="app-bar"><div class="app-bar-title"><strong>' + esc(t('appName')) + '</strong></div><nav class="office-nav">' +
      ['dashboard', 'sales', 'stock', 'nearExpiry', 'payouts', 'province', 'statement'].map((v) => '<button type="button" class="btn btn-sm ' + (v === view ? 'btn-primary' : 'btn-ghost') + '" data-view="' + v + '">' + esc(t(v)) + '</button>').join('') +
      '</nav><div class="app-bar-actions"><span class="badge">' + esc(me.name) + (me.role === 'viewer' ? ' · ' + esc(t('readOnly')) : '') + '</span><button type="button" class="btn btn-sm btn-light" id="lang">' + esc(t('language')) + '</button><button type="button" class="btn btn-sm btn-light" id="logout">' + esc(t('logout')) + '</button></div></header><main class="page"><div class="page-body" id="main"></div></main>'
    : '<main class="auth"><form class="card auth-card" id="login"><h1 class="card-title">' + esc(t('appName')) + '</h1><div class="field"><label for="u">' + esc(t('username')) + '</label><input class="input" id="u" name="username" autocomplete="username" autofocus></div><div class="field"><label for="p">' + esc(t('password')) + '</label><input class="input" id="p" name="password" type="password" autocomplete="current-password"></div><div id="login-error"></div><button class="btn btn-primary btn-block" type="submit">' + esc(t('login')) + '</button><button type="button" class="btn btn-ghost btn-sm" id="lang">' + esc(t('language')) + '</button></form></main>';
  $('#lang').onclick = () => { lang = lang === 'id' ? 'en' : 'id'; localStorage.setItem('office.lang', lang); renderShell(); };
  if (!me) {
    $('#login').onsubmit = async (e) => {
      e.preventDefault();
      try {
        const r = await call('auth.login', { username: $('#u').value.trim(), password: $('#p').value });
        token = r.token; me = r.user; sessionStorage.setItem('office.token', token); renderShell();
      } catch (err) {
        $('#login-error').innerHTML = '<div class="notice notice-error" role="alert">' + esc(t('wrongLogin')) + '</div>';
      }
    };
    return;
  }
  $('#logout').onclick = () => { token = null; me = null; sessionStorage.removeItem('office.token'); renderShell(); };
  for (const b of document.querySelectorAll('[data-view]')) b.onclick = () => { view = b.dataset.view; renderShell(); };
  show();
}

const table = (cols, rows, foot) =>
  rows.length === 0 ? '<p class="muted">' + esc(t('empty')) + '</p>' :
  '<div class="table-wrap"><table class="table"><thead><tr>' + cols.map((c) => '<th' + (c.num ? ' class="num"' : '') + '>' + esc(t(c.h)) + '</th>').join('') + '</tr></thead><tbody>' +
  rows.map((r) => '<tr' + (r._cls ? ' class="' + r._cls + '"' : '') + '>' + cols.map((c) => '<td' + (c.num ? ' class="num"' : '') + '>' + c.v(r) + '</td>').join('') + '</tr>').join('') + '</tbody>' +
  (foot ? '<tfoot><tr>' + cols.map((c, i) => '<td' + (c.num ? ' class="num"' : '') + '><strong>' + (i === 0 ? esc(t('total')) : c.f ? c.f(foot) : '') + '</strong></td>').join('') + '</tr></tfoot>' : '') + '</table></div>';

const periodForm = (extra = '') =>
  '<form class="office-filter card" id="filter"><div class="field field-inline"><label for="from">' + esc(t('from')) + '</label><input class="input" id="from" inputmode="numeric" placeholder="dd/mm/yyyy" value="' + dmy(state.from) + '"></div>' +
  '<div class="field field-inline"><label for="to">' + esc(t('to')) + '</label><input class="input" id="to" inputmode="numeric" placeholder="dd/mm/yyyy" value="' + dmy(state.to) + '"></div>' + extra +
  '<button class="btn btn-primary" type="submit">' + esc(t('show')) + '</button><div id="filter-error"></div></form>';
/** A typed day dd/mm/yyyy → YYYY-MM-DD, or null when it is no real day. */
const parseDay = (text) => {
  const m = /^(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{4})$/.exec(text.trim());
  if (!m) return null;
  const iso = m[3] + '-' + m[2].padStart(2, '0') + '-' + m[1].padStart(2, '0');
  const d = new Date(iso + 'T00:00:00Z');
  return !isNaN(d) && d.toISOString().slice(0, 10) === iso ? iso : null;
};
const bindPeriod = () => {
  const f = $('#filter');
  if (!f) return;
  f.onsubmit = (e) => {
    e.preventDefault();
    const from = parseDay($('#from').value), to = parseDay($('#to').value);
    if (!from || !to || from > to) {
      $('#filter-error').innerHTML = '<div class="field-error" role="alert">' + esc(t('badPeriod')) + '</div>';
      return;
    }
    state.from = from; state.to = to;
    if ($('#dimension')) state.dimension = $('#dimension').value;
    if ($('#days')) state.days = Number($('#days').value) || 0;
    if ($('#umkm')) state.umkmKey = $('#umkm').value;
    show();
  };
};
const exportButtons = (report) => '<div class="btn-row"><button type="button" class="btn btn-secondary btn-sm" data-export="csv" data-report="' + report + '">' + esc(t('exportCsv')) + '</button><button type="button" class="btn btn-secondary btn-sm" data-export="xlsx" data-report="' + report + '">' + esc(t('exportXlsx')) + '</button></div>';
const bindExports = () => {
  for (const b of document.querySelectorAll('[data-export]')) b.onclick = async () => {
    const f = await call('office.export', { report: b.dataset.report, format: b.dataset.export, from: state.from, to: state.to, dimension: state.dimension, days: state.days });
    const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([bytes], { type: f.mimeType }));
    a.download = f.filename;
    a.click();
  };
};
const bars = (rows) => {
  const max = Math.max(1, ...rows.map((r) => r.sales));
  return '<div class="office-bars" aria-hidden="true">' + rows.slice(0, 12).map((r) => '<div class="office-bar"><span class="office-bar-label">' + esc(r.label ? r.label + (r.key && r.key !== r.label ? ' · ' + r.key : '') : r.key || t('none')) + '</span><span class="office-bar-track"><span class="office-bar-fill" style="width:' + Math.max(0, (100 * r.sales) / max).toFixed(1) + '%"></span></span><span class="office-bar-value">' + rp(r.sales) + '</span></div>').join('') + '</div>';
};

async function show() {
  const el = main();
  try {
    if (view === 'dashboard') {
      const d = await call('office.dashboard', state.today ? { today: state.today } : {});
      el.innerHTML = '<h2>' + esc(t('dashboard')) + ' · ' + dmy(d.today) + ' · ' + esc(t('outlets', { n: d.outlets.length })) + '</h2>' +
        '<div class="stat-list office-stats"><div class="tile"><span class="label">' + esc(t('salesToday')) + '</span><strong>' + rp(d.totals.salesToday) + '</strong></div><div class="tile"><span class="label">' + esc(t('salesMonth')) + '</span><strong>' + rp(d.totals.salesMonth) + '</strong></div><div class="tile"><span class="label">' + esc(t('factsWaiting')) + '</span><strong data-waiting-total>' + num(d.totals.factsWaiting) + '</strong></div><div class="tile"><span class="label">' + esc(t('silent')) + '</span><strong>' + num(d.totals.silentOutlets) + '</strong></div></div>' +
        table([
          { h: 'outlet', v: (r) => '<strong>' + esc(r.outletCode) + '</strong> ' + esc(r.outletName || '') },
          { h: 'salesToday', num: 1, v: (r) => rp(r.salesToday), f: (x) => rp(x.salesToday) },
          { h: 'salesCount', num: 1, v: (r) => num(r.salesCountToday), f: (x) => num(x.salesCountToday) },
          { h: 'salesMonth', num: 1, v: (r) => rp(r.salesMonth), f: (x) => rp(x.salesMonth) },
          { h: 'factsWaiting', num: 1, v: (r) => r.factsWaiting === null ? '<span class="muted">' + esc(t('notReported')) + '</span>' : '<span data-waiting="' + esc(r.outletCode) + '">' + num(r.factsWaiting) + '</span>' + (r.oldestWaitingAt ? '<br><small class="muted">' + esc(t('waitingSince', { time: when(r.oldestWaitingAt) })) + '</small>' : '') + '<br><small class="muted">' + esc(t('waitingReported', { time: when(r.waitingReportedAt) })) + '</small>', f: (x) => num(x.factsWaiting) },
          { h: 'lastForwarded', v: (r) => esc(when(r.lastForwardedAt)) },
          { h: 'lastDay', v: (r) => dmy(r.lastBusinessDay) },
          { h: 'silent', v: (r) => (r.silent ? '<span class="badge badge-failed" data-silent="' + esc(r.outletCode) + '">' + esc(t('silent')) + '</span>' : '<span class="badge badge-printed">' + esc(t('ok')) + '</span>') },
        ], d.outlets.map((o) => ({ ...o, _cls: o.silent ? 'row-error' : '' })), d.totals);
    } else if (view === 'sales') {
      const r = await call('office.sales', { dimension: state.dimension, from: state.from, to: state.to });
      const dims = ['outlet', 'district', 'supplier', 'category'];
      el.innerHTML = '<h2>' + esc(t('sales')) + '</h2>' + periodForm('<div class="field field-inline"><label for="dimension">' + esc(t('by')) + '</label><select class="input" id="dimension">' + dims.map((d) => '<option value="' + d + '"' + (d === state.dimension ? ' selected' : '') + '>' + esc(t('dim' + d[0].toUpperCase() + d.slice(1))) + '</option>').join('') + '</select></div>') +
        exportButtons('sales') + bars(r.rows) +
        table([
          { h: 'dim' + state.dimension[0].toUpperCase() + state.dimension.slice(1), v: (x) => esc(x.label ? x.label + ' · ' + x.key : x.key || t('none')) },
          { h: 'units', num: 1, v: (x) => num(x.units), f: (x) => num(x.units) },
          { h: 'amount', num: 1, v: (x) => rp(x.sales), f: (x) => rp(x.sales) },
          { h: 'supplierShare', num: 1, v: (x) => rp(x.supplierShare), f: (x) => rp(x.supplierShare) },
          { h: 'shopShare', num: 1, v: (x) => rp(x.shopShare), f: (x) => rp(x.shopShare) },
        ], r.rows, r.totals);
    } else if (view === 'stock' || view === 'nearExpiry') {
      const rows = view === 'stock' ? await call('office.stock', {}) : await call('office.nearExpiry', { days: state.days, ...(state.today ? { today: state.today } : {}) });
      el.innerHTML = '<h2>' + esc(t(view)) + '</h2>' + (view === 'nearExpiry' ? '<form class="office-filter card" id="filter"><div class="field field-inline"><label for="days">' + esc(t('days')) + '</label><input class="input" id="days" inputmode="numeric" value="' + state.days + '"></div><input type="hidden" id="from" value="' + dmy(state.from) + '"><input type="hidden" id="to" value="' + dmy(state.to) + '"><div id="filter-error"></div><button class="btn btn-primary" type="submit">' + esc(t('show')) + '</button></form>' : '') +
        exportButtons(view) +
        table([
          { h: 'outlet', v: (x) => esc(x.outletCode) },
          { h: 'product', v: (x) => esc(x.productName) + ' <span class="muted mono">' + esc(x.productSku) + '</span>' },
          { h: 'supplier', v: (x) => esc(x.supplierName || t('none')) },
          { h: 'onHand', num: 1, v: (x) => num(x.onHand) },
          { h: 'expiry', v: (x) => dmy(x.expiryDate) },
        ], rows);
    } else if (view === 'payouts') {
      const rows = await call('office.payouts', { from: state.from, to: state.to });
      el.innerHTML = '<h2>' + esc(t('payouts')) + '</h2>' + periodForm() + exportButtons('payouts') +
        table([
          { h: 'outlet', v: (x) => esc(x.outletCode) },
          { h: 'supplier', v: (x) => esc(x.supplierName) + ' <span class="muted mono">' + esc(x.umkmKey) + '</span>' },
          { h: 'settlements', num: 1, v: (x) => num(x.settlements) },
          { h: 'paid', num: 1, v: (x) => rp(x.paid) },
          { h: 'voided', num: 1, v: (x) => rp(x.voided) },
          { h: 'net', num: 1, v: (x) => rp(x.net) },
        ], rows);
    } else if (view === 'province') {
      const r = await call('office.province', { from: state.from, to: state.to });
      el.innerHTML = '<h2>' + esc(t('province')) + '</h2>' + periodForm() + exportButtons('province') +
        table([
          { h: 'district', v: (x) => esc(x.district || t('none')) },
          { h: 'activeUmkm', num: 1, v: (x) => num(x.activeUmkm), f: (x) => num(x.activeUmkm) },
          { h: 'umkmWithSales', num: 1, v: (x) => num(x.umkmWithSales), f: (x) => num(x.umkmWithSales) },
          { h: 'units', num: 1, v: (x) => num(x.units), f: (x) => num(x.units) },
          { h: 'amount', num: 1, v: (x) => rp(x.sales), f: (x) => rp(x.sales) },
          { h: 'supplierShare', num: 1, v: (x) => rp(x.supplierShare), f: (x) => rp(x.supplierShare) },
          { h: 'paid', num: 1, v: (x) => rp(x.paid), f: (x) => rp(x.paid) },
        ], r.districts, r.totals);
    } else if (view === 'statement') {
      const list = await call('office.umkm.list', {});
      const keys = [...new Map(list.map((s) => [s.umkmKey, s])).values()];
      if (!state.umkmKey && keys[0]) state.umkmKey = keys[0].umkmKey;
      const pick = '<div class="field field-inline"><label for="umkm">' + esc(t('umkm')) + '</label><select class="input" id="umkm"><option value="">' + esc(t('pickUmkm')) + '</option>' + keys.map((s) => '<option value="' + esc(s.umkmKey) + '"' + (s.umkmKey === state.umkmKey ? ' selected' : '') + '>' + esc(s.name + ' · ' + s.umkmKey) + '</option>').join('') + '</select></div>';
      const s = state.umkmKey ? await call('office.statement', { umkmKey: state.umkmKey, from: state.from, to: state.to }) : null;
      el.innerHTML = '<h2>' + esc(t('statement')) + '</h2>' + periodForm(pick) + (s ? '<div class="btn-row"><button type="button" class="btn btn-secondary btn-sm" id="print">' + esc(t('print')) + '</button></div>' +
        table([
          { h: 'outlet', v: (x) => esc(x.outletCode) + ' <span class="muted mono">' + esc(x.supplierCode) + '</span>' },
          { h: 'opening', num: 1, v: (x) => rp(x.opening), f: (x) => rp(x.opening) },
          { h: 'amount', num: 1, v: (x) => rp(x.sales), f: (x) => rp(x.sales) },
          { h: 'supplierShare', num: 1, v: (x) => rp(x.supplierShare), f: (x) => rp(x.supplierShare) },
          { h: 'fees', num: 1, v: (x) => rp(x.fees), f: (x) => rp(x.fees) },
          { h: 'adjustments', num: 1, v: (x) => rp(x.adjustments), f: (x) => rp(x.adjustments) },
          { h: 'paid', num: 1, v: (x) => rp(x.payouts), f: (x) => rp(x.payouts) },
          { h: 'balance', num: 1, v: (x) => rp(x.balance), f: (x) => rp(x.balance) },
        ], s.outlets, s.total) : '');
      const p = $('#print');
      if (p) p.onclick = async () => {
        const { html } = await call('office.statementHtml', { umkmKey: state.umkmKey, from: state.from, to: state.to, lang });
        const w = window.open('', '_blank');
        w.document.write(html); w.document.close(); w.focus(); w.print();
      };
    }
    bindPeriod();
    bindExports();
  } catch (err) {
    if (err.code === 'UNAUTHENTICATED') { token = null; me = null; sessionStorage.removeItem('office.token'); return renderShell(); }
    el.innerHTML = '<div class="notice notice-error" role="alert">' + esc(t('error')) + ': ' + esc(err.message) + '</div>';
  }
}

(async () => {
  if (token) { try { me = await call('office.me', {}); } catch { token = null; sessionStorage.removeItem('office.token'); } }
  renderShell();
})();
`;

const EXTRA_CSS = `
.office-nav { display: flex; gap: 4px; flex-wrap: wrap; }
.app-bar { display: flex; align-items: center; gap: 16px; padding: 10px 20px; }
.office-filter { display: flex; gap: 12px; align-items: flex-end; flex-wrap: wrap; padding: 12px 16px; margin: 12px 0; }
.office-stats { display: flex; gap: 12px; margin: 12px 0; }
.office-stats .tile { padding: 12px 16px; display: flex; flex-direction: column; min-width: 200px; }
.office-bars { display: grid; gap: 6px; margin: 12px 0 16px; }
.office-bar { display: grid; grid-template-columns: 220px 1fr 140px; gap: 10px; align-items: center; }
.office-bar-track { background: var(--surface-2); border-radius: 6px; height: 14px; overflow: hidden; }
.office-bar-fill { display: block; height: 100%; background: var(--primary); }
.office-bar-value { text-align: right; font-variant-numeric: tabular-nums; }
.auth { display: grid; place-items: center; min-height: 100vh; }
.auth-card { width: 360px; padding: 24px; display: grid; gap: 12px; }
`;

/** The page, with the shop's CSS inlined and the dictionaries as JSON. */
export function officePage(css: string): string {
  const words = JSON.stringify(OFFICE_WORDS).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${OFFICE_WORDS.id.appName}</title>
<style>${css}\n${EXTRA_CSS}</style>
</head><body><div id="app"></div>
<script type="application/json" id="words">${words}</script>
<script src="/office.js"></script>
</body></html>`;
}
