// The requester index built at finish (index_requesters, src/kpi/customers.cpp) must group tickets exactly as
// Requesters::key() defines a requester — the normalised e-mail of the ticket, else of the requester's user record,
// else "id:" + requester id — with groups numbered by their first ticket, and link each ticket to its requester's next
// one by (created_at, row). Checked against a grouping computed here from key(), on random stores with e-mails in
// mixed case and padded with spaces (with and without their normalised text elsewhere in the store), e-mails without
// '@', requesters whose e-mail only their user record has, an e-mail and an id whose keys are the same text
// ("id:7@x.example"), excluded tickets and tickets without a creation time.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "kpi/customers.h"
#include "kpi/ticket_facts.h"
#include "model/dataset.h"

namespace {

struct Expected {
  std::vector<uint32_t> group, next;
  uint32_t groups = 0;
};

Expected expected_from_keys(const hk::Dataset& d) {
  const hk::Requesters who(d);
  Expected e;
  const uint32_t n = static_cast<uint32_t>(d.ticket_count());
  e.group.assign(n, hk::Facts::kNoGroup);
  e.next.assign(n, hk::Facts::kNoGroup);
  std::map<std::string, uint32_t> numbered;
  std::vector<std::vector<uint32_t>> tickets;
  for (uint32_t t = 0; t < n; ++t) {
    if (hk::is_excluded(d.status[t]) || d.created_at[t] == hk::kNoTime) continue;
    const std::string key = who.key(t);
    if (key.empty()) continue;
    auto [it, added] = numbered.emplace(key, static_cast<uint32_t>(numbered.size()));
    if (added) tickets.emplace_back();
    e.group[t] = it->second;
    tickets[it->second].push_back(t);
  }
  for (auto& list : tickets) {
    std::stable_sort(list.begin(), list.end(), [&](uint32_t a, uint32_t b) { return d.created_at[a] < d.created_at[b]; });
    for (size_t i = 0; i + 1 < list.size(); ++i) e.next[list[i]] = list[i + 1];
  }
  e.groups = static_cast<uint32_t>(numbered.size());
  return e;
}

std::string pick(std::mt19937_64& rng, const std::vector<std::string>& from) { return from[rng() % from.size()]; }

}  // namespace

TEST(RequesterIndex, GroupsAndLinksAreThoseOfTheRequesterKey) {
  const std::vector<std::string> emails = {"", "", "ann@shop.example", " ANN@shop.example ", "Ann@Shop.Example",
                                           "bob@shop.example", "not-an-address", "\tcy@shop.example\n", "id:7@x.example",
                                           "Dan@Shop.Example ", " dan@SHOP.example", "ID:7@X.example"};
  const std::vector<std::string> requesters = {"", "1", "2", "3", "7@x.example", "ann@shop.example", "42"};
  const std::vector<hk::Status> statuses = {hk::Status::open, hk::Status::resolved, hk::Status::closed,
                                            hk::Status::spam, hk::Status::deleted, hk::Status::merged};
  std::mt19937_64 rng(5);
  for (int round = 0; round < 40; ++round) {
    hk::Dataset d;
    std::vector<std::string> user_emails;
    for (const std::string& r : requesters) {  // some requesters have a user record, with or without an e-mail
      if (r.empty() || rng() % 3 == 0) continue;
      user_emails.push_back(pick(rng, emails));
      hk::UserRow u;
      u.id = r;
      u.email = user_emails.back();
      d.add_user(u);
    }
    const size_t n = 1 + rng() % 300;
    std::vector<std::string> ids(n), ticket_emails(n), ticket_requesters(n);
    for (size_t i = 0; i < n; ++i) {
      ids[i] = std::to_string(i + 1);
      ticket_emails[i] = pick(rng, emails);
      ticket_requesters[i] = pick(rng, requesters);
      hk::TicketRow row;
      row.id = ids[i];
      row.created_at = rng() % 10 == 0 ? hk::kNoTime : static_cast<int64_t>(rng() % 20) * 3600;  // ties on purpose
      row.status = statuses[rng() % (rng() % 4 == 0 ? statuses.size() : 3)];
      row.requester = ticket_requesters[i];
      row.requester_email = ticket_emails[i];
      d.add_ticket(row);
    }
    hk::Facts facts;
    hk::index_requesters(d, facts);
    const Expected e = expected_from_keys(d);
    ASSERT_EQ(facts.requester_groups, e.groups) << "round " << round;
    EXPECT_EQ(facts.requester_group, e.group) << "round " << round;
    EXPECT_EQ(facts.next_same_requester, e.next) << "round " << round;
  }
}

TEST(RequesterIndex, TheUserRecordsEmailJoinsTicketsWithoutOne) {
  // Requester 1's user record has Ann's e-mail: her ticket without an e-mail joins the one that names her e-mail;
  // requester 2 has no e-mail anywhere and stands on the id; a ticket with an unusable e-mail falls back to its id.
  hk::Dataset d;
  hk::UserRow u;
  u.id = "1";
  u.email = "Ann@Shop.Example";
  d.add_user(u);
  auto add = [&](const char* id, int64_t at, const char* requester, const char* email) {
    hk::TicketRow row;
    row.id = id;
    row.created_at = at;
    row.status = hk::Status::open;
    row.requester = requester;
    row.requester_email = email;
    d.add_ticket(row);
  };
  add("a", 300, "2", "");
  add("b", 200, "1", "");
  add("c", 100, "9", " ann@shop.example");
  add("d", 400, "2", "no address");
  hk::Facts facts;
  hk::index_requesters(d, facts);
  EXPECT_EQ(facts.requester_groups, 2u);
  EXPECT_EQ(facts.requester_group, (std::vector<uint32_t>{0, 1, 1, 0}));
  EXPECT_EQ(facts.next_same_requester, (std::vector<uint32_t>{3, hk::Facts::kNoGroup, 1, hk::Facts::kNoGroup}));
}
