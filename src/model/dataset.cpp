#include "model/dataset.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_set>

namespace hk {

void Dataset::set_location(uint32_t source, std::string_view source_name, uint64_t offset) {
  if (source >= source_names_.size()) source_names_.resize(source + 1);
  source_names_[source] = source_name;
  here_ = RowOrigin{offset, source};
  quality.set_location(Location{source_name, offset, true});
}

void Dataset::clear_location() {
  here_ = RowOrigin{};
  quality.set_location(Location{});
}

bool Dataset::before(const RowOrigin& a, const RowOrigin& b) const {
  if (a.source == UINT32_MAX || b.source == UINT32_MAX) return false;
  if (a.source != b.source) return source_names_[a.source] < source_names_[b.source];
  return a.offset < b.offset;
}

bool Dataset::add_ticket(const TicketRow& row) {
  const uint32_t id = strings.intern(row.id);
  if (id >= row_of_id_.size()) row_of_id_.resize(strings.size(), kNoTicketRow);
  const bool inserted = row_of_id_[id] == kNoTicketRow;
  if (inserted) row_of_id_[id] = static_cast<uint32_t>(ticket_id.size());
  uint32_t r = row_of_id_[id];
  if (!inserted) {
    ++quality.excluded.duplicate;
    last_duplicate = id;
    // The pair the warning names: the smallest location of this ticket so far and this one, in location order.
    auto f = first_origin_.find(r);
    const RowOrigin first = f == first_origin_.end() ? origin[r] : f->second;
    const bool earlier = before(here_, first);
    last_duplicate_first = earlier ? here_ : first;
    last_duplicate_second = earlier ? first : here_;
    first_origin_[r] = last_duplicate_first;
    // Keep the most recent version (G6): the latest updated_at (a copy without one is the oldest); on a tie, the copy
    // at the later location (file name, then offset), so that the order of the files does not matter.
    const bool newer = row.updated_at != updated_at[r] ? row.updated_at > updated_at[r] : !before(here_, origin[r]);
    if (!newer) return false;
  } else {
    ticket_id.push_back(id);
    created_at.push_back(0);
    updated_at.push_back(0);
    status.push_back(Status::unknown);
    raw_status.push_back(0);
    channel.push_back(Channel::other);
    raw_channel.push_back(0);
    assignee.push_back(0);
    requester.push_back(0);
    requester_email.push_back(0);
    subject.push_back(0);
    tags_begin.push_back(0);
    tags_count.push_back(0);
    flags.push_back(0);
    vendor.emplace_back();
    origin.emplace_back();
  }
  origin[r] = here_;
  created_at[r] = row.created_at;
  updated_at[r] = row.updated_at;
  status[r] = row.status;
  raw_status[r] = strings.intern(row.raw_status);
  channel[r] = row.channel;
  raw_channel[r] = strings.intern(row.raw_channel);
  assignee[r] = strings.intern(row.assignee);
  requester[r] = strings.intern(row.requester);
  requester_email[r] = strings.intern(row.requester_email);
  subject[r] = strings.intern(row.subject);
  flags[r] = row.flags;
  vendor[r] = row.vendor;
  // A replaced duplicate leaves its old tag range unused: rare, and cheaper than compacting.
  tags_begin[r] = static_cast<uint32_t>(tag_pool.size());
  uint16_t n = 0;
  if (row.tags) {
    for (std::string_view t : *row.tags) {
      if (t.empty() || n == UINT16_MAX) continue;
      tag_pool.push_back(strings.intern(t));
      ++n;
    }
  }
  tags_count[r] = n;
  return inserted;
}

// A user seen in several files: each field keeps the value read at the latest location that has one.
void Dataset::add_user(const UserRow& row) {
  User& u = users[strings.intern(row.id)];
  if (!row.name.empty() && (u.name == kNoString || !before(here_, u.name_at))) u.name = strings.intern(row.name), u.name_at = here_;
  if (!row.email.empty() && (u.email == kNoString || !before(here_, u.email_at)))
    u.email = strings.intern(row.email), u.email_at = here_;
  if (row.kind != AuthorKind::unknown && (u.kind == AuthorKind::unknown || !before(here_, u.kind_at)))
    u.kind = row.kind, u.kind_at = here_;
}

void Dataset::add_message(const MessageRow& row) {
  messages.push_back(Message{strings.intern(row.ticket), strings.intern(row.message_id), row.at, strings.intern(row.author),
                             row.kind, row.is_public});
}

void Dataset::add_status_change(const StatusChangeRow& row) {
  status_changes.push_back(StatusChange{strings.intern(row.ticket), strings.intern(row.event_id), row.at, row.from, row.to,
                                        strings.intern(row.author), row.author_kind});
}

void Dataset::add_rating(const RatingRow& row) {
  ratings.push_back(Rating{strings.intern(row.ticket), strings.intern(row.rating_id), row.scale, row.value, row.answered,
                           row.at, strings.intern(row.agent)});
}

size_t Dataset::memory_bytes() const {
  auto cap = [](const auto& v) { return v.capacity() * sizeof(typename std::decay_t<decltype(v)>::value_type); };
  size_t n = strings.memory_bytes();
  n += cap(ticket_id) + cap(created_at) + cap(updated_at) + cap(status) + cap(raw_status) + cap(channel);
  n += cap(raw_channel) + cap(assignee) + cap(requester) + cap(requester_email) + cap(subject) + cap(tags_begin);
  n += cap(tags_count) + cap(tag_pool) + cap(flags) + cap(vendor) + cap(origin);
  n += cap(messages) + cap(status_changes) + cap(ratings) + cap(orders.rows) + cap(surveys.answers);
  // Hash maps: a node and a bucket pointer per entry, roughly; the ticket row table.
  n += users.size() * (sizeof(User) + 3 * sizeof(void*)) + first_origin_.size() * 4 * sizeof(void*) + cap(row_of_id_);
  // What finish() adds: per-ticket facts (computed in Facts, ~200 bytes each, and up to 60 more for the ranked
  // columns of kpi/ranked.h), event offsets, and the requester index's tables, 12 bytes per interned string while it
  // runs (kpi/customers.cpp).
  n += ticket_id.size() * 260 + (messages.size() + status_changes.size()) * 2 * sizeof(uint64_t) + strings.size() * 12;
  return n;
}

AuthorKind Dataset::kind_of_user(uint32_t user) const {
  auto it = users.find(user);
  return it == users.end() ? AuthorKind::unknown : it->second.kind;
}

namespace {

// Rewrites each event's ticket (external id) into the ticket row, drops events of unknown tickets, sorts by
// (row, time, id) and removes exact duplicates (the same event read from overlapping pages). Returns the orphans.
// Events of one ticket at the same second are ordered by their id's text, then by their other fields (text for
// strings), never by interning order: the result must not depend on which file came first.
template <class Event, class RowOf, class Key, class Rest>
uint64_t join_and_sort(std::vector<Event>& events, RowOf row_of, Key key, const StringPool& strings, Rest rest) {
  uint64_t orphans = 0;
  size_t out = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    const uint32_t row = row_of(events[i].ticket);
    if (row == kNoTicketRow) {
      ++orphans;
      continue;
    }
    events[out] = events[i];
    events[out].ticket = row;
    ++out;
  }
  events.resize(out);
  std::stable_sort(events.begin(), events.end(), [&](const Event& a, const Event& b) {
    if (a.ticket != b.ticket) return a.ticket < b.ticket;
    if (a.at != b.at) return a.at < b.at;
    if (key(a) != key(b)) return strings.get(key(a)) < strings.get(key(b));
    return rest(a) < rest(b);
  });
  // Same ticket, time and non-empty id twice = one event seen twice.
  auto last = std::unique(events.begin(), events.end(), [&](const Event& a, const Event& b) {
    return a.ticket == b.ticket && a.at == b.at && key(a) != kNoString && key(a) == key(b);
  });
  events.erase(last, events.end());
  return orphans;
}

template <class Event>
void build_offsets(const std::vector<Event>& events, size_t tickets, std::vector<uint32_t>& begin) {
  begin.assign(tickets + 1, 0);
  for (const Event& e : events) ++begin[e.ticket + 1];
  for (size_t i = 0; i < tickets; ++i) begin[i + 1] += begin[i];
}

}  // namespace

// Rows in location order of their first copy (files by name, then offset): for one file that is the order of the file,
// and for several it does not depend on the order they were given in. Per-ticket CSV rows and ties follow it.
void Dataset::reorder_rows() {
  const size_t n = ticket_count();
  std::vector<RowOrigin> first(origin);
  for (const auto& [row, at] : first_origin_) first[row] = at;
  std::vector<uint32_t> order(n);
  for (uint32_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return before(first[a], first[b]); });
  bool identity = true;
  for (uint32_t i = 0; i < n && identity; ++i) identity = order[i] == i;
  first_origin_.clear();
  if (identity) return;
  auto apply = [&](auto& column) {
    std::remove_reference_t<decltype(column)> out;
    out.reserve(column.size());
    for (uint32_t r : order) out.push_back(column[r]);
    column.swap(out);
  };
  apply(ticket_id), apply(created_at), apply(updated_at), apply(status), apply(raw_status), apply(channel);
  apply(raw_channel), apply(assignee), apply(requester), apply(requester_email), apply(subject), apply(tags_begin);
  apply(tags_count), apply(flags), apply(vendor), apply(origin);
  for (uint32_t i = 0; i < n; ++i) row_of_id_[ticket_id[i]] = i;
}

void Dataset::finalize() {
  if (finalized_) return;
  finalized_ = true;
  const size_t n = ticket_count();

  reorder_rows();
  const StringPool& sp = strings;
  const auto row_of = [this](uint32_t id) { return row_of_id(id); };
  orphan_messages = join_and_sort(messages, row_of, [](const Message& m) { return m.message_key; }, sp,
                                  [&](const Message& m) { return std::make_tuple(m.kind, m.is_public, sp.get(m.author)); });
  orphan_status_changes = join_and_sort(
      status_changes, row_of, [](const StatusChange& s) { return s.event_key; }, sp,
      [&](const StatusChange& s) { return std::make_tuple(s.from, s.to, s.author_kind, sp.get(s.author)); });
  orphan_ratings = join_and_sort(ratings, row_of, [](const Rating& r) { return r.rating_key; }, sp, [&](const Rating& r) {
    return std::make_tuple(r.answered, r.value, r.scale, sp.get(r.agent));
  });
  build_offsets(messages, n, message_begin);
  build_offsets(status_changes, n, status_begin);

  // Authors the adapter could not classify are looked up in the users table (e.g. Zendesk roles).
  for (Message& m : messages)
    if (m.kind == AuthorKind::unknown) m.kind = kind_of_user(m.author);
  for (StatusChange& s : status_changes)
    if (s.author_kind == AuthorKind::unknown) s.author_kind = kind_of_user(s.author);

  // One rating per ticket: the latest answered one; an offer without an answer only when nothing was answered (1.13).
  rating_of_ticket.assign(n, -1);
  std::vector<Rating> kept;
  for (size_t i = 0; i < ratings.size();) {
    size_t j = i;
    int best = -1;
    while (j < ratings.size() && ratings[j].ticket == ratings[i].ticket) {
      const Rating& r = ratings[j];
      if (best < 0) best = static_cast<int>(j);
      else {
        const Rating& b = ratings[best];
        // ratings within a ticket are sorted by time; an untimed rating (from the ticket row) sorts first
        if (r.answered || !b.answered) best = static_cast<int>(j);
      }
      ++j;
    }
    rating_of_ticket[ratings[best].ticket] = static_cast<int32_t>(kept.size());
    kept.push_back(ratings[best]);
    i = j;
  }
  ratings.swap(kept);
  orders.finalize();
  surveys.link(row_of);
  if (orphan_messages + orphan_status_changes + orphan_ratings > 0)
    quality.warn("orphan_events",
                 std::to_string(orphan_messages + orphan_status_changes + orphan_ratings) +
                     " events (comments, status changes or ratings) belong to tickets that are not in any tickets file; "
                     "they are ignored. Add the tickets export to use them.");
}

uint64_t Dataset::treat_as_automation(const std::vector<std::string>& authors) {
  std::unordered_set<uint32_t> named;  // interned ids of the listed strings; a string never seen matches nothing
  for (const std::string& a : authors)
    if (uint32_t id = strings.find(a); id != kNoString) named.insert(id);
  if (named.empty()) return 0;
  std::unordered_set<uint32_t> bots(named);  // author ids
  for (auto& [id, user] : users)
    if (named.count(id) || (user.name != kNoString && named.count(user.name)) ||
        (user.email != kNoString && named.count(user.email))) {
      bots.insert(id);
      user.kind = AuthorKind::bot;
    }
  uint64_t changed = 0;
  for (Message& m : messages) {
    if (m.author == kNoString || !bots.count(m.author) || m.kind == AuthorKind::bot) continue;
    m.kind = AuthorKind::bot;
    ++changed;
    // The vendor counted this author's messages as human replies: its reply figures no longer hold for the ticket
    // (else they would stand in for the first reply the events no longer have).
    VendorMetrics& v = vendor[m.ticket];
    v.first_reply_s = v.first_reply_business_s = v.first_reply_at = kNoTime;
    v.replies = -1;
  }
  for (StatusChange& c : status_changes)
    if (c.author != kNoString && bots.count(c.author) && c.author_kind != AuthorKind::bot)
      c.author_kind = AuthorKind::bot, ++changed;
  return changed;
}

}  // namespace hk
