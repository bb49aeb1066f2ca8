// Subject keywords indexed at finish (index_subject_keywords, 1.21): a subject met again reuses the keywords of its
// first ticket instead of being split again. Each ticket's keywords, and the numbering of all keywords by first sight,
// must be those of splitting every subject on its own: checked against one store per ticket, on random stores with
// subjects repeated, empty, Japanese, accented and in mixed case.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "kpi/kpis.h"
#include "kpi/ticket_facts.h"
#include "model/dataset.h"

namespace {

void add_ticket(hk::Dataset& d, const std::string& id, const std::string& subject) {
  hk::TicketRow row;
  row.id = id;
  row.created_at = 0;
  row.status = hk::Status::open;
  row.subject = subject;
  d.add_ticket(row);
}

std::vector<std::string> keywords_of(const hk::Facts& f, uint32_t t) {
  std::vector<std::string> out;
  for (uint32_t k = f.subject_keyword_start[t]; k < f.subject_keyword_start[t + 1]; ++k)
    out.push_back(f.subject_keywords[f.subject_keyword_ids[k]]);
  return out;
}

}  // namespace

TEST(SubjectKeywords, RepeatedSubjectsGetTheKeywordsOfSplittingEachSubjectAlone) {
  const std::vector<std::string> subjects = {
      "", "Where is my refund?", "Where is my REFUND", "Return request for order #31314", "Order #34239 status",
      "注文した商品がまだ届いていません", "Question sur un produit reçu abîmé", "the and for", "Swap colour on order",
      "コンピューターの返品について", "refund refund refund"};
  std::mt19937_64 rng(21);
  for (int round = 0; round < 30; ++round) {
    hk::Dataset d;
    const size_t n = 1 + rng() % 200;
    std::vector<std::string> ids(n), picked(n);
    for (size_t i = 0; i < n; ++i) {
      ids[i] = std::to_string(i + 1);
      picked[i] = subjects[rng() % subjects.size()];
      add_ticket(d, ids[i], picked[i]);
    }
    hk::Facts facts;
    hk::index_subject_keywords(d, facts);
    ASSERT_EQ(facts.subject_keyword_start.size(), n + 1);
    std::vector<std::string> first_seen;  // the numbering splitting every subject anew gives: words by first sight
    for (uint32_t t = 0; t < n; ++t) {
      hk::Dataset alone;
      add_ticket(alone, "1", picked[t]);
      hk::Facts own;
      hk::index_subject_keywords(alone, own);
      const std::vector<std::string> expected = keywords_of(own, 0);
      EXPECT_EQ(keywords_of(facts, t), expected) << "round " << round << ", ticket " << t << ": " << picked[t];
      for (const std::string& w : expected)
        if (std::find(first_seen.begin(), first_seen.end(), w) == first_seen.end()) first_seen.push_back(w);
    }
    EXPECT_EQ(facts.subject_keywords, first_seen) << "round " << round;
  }
}
