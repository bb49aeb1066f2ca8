// 1.21 Top topics from subject keywords, for exports whose tickets carry no tags (or to see what tags miss). Subjects
// may be Japanese, which has no spaces: text is split where the script changes. Latin words (≥ 3 letters, not a stop
// word, not a number) are lower-cased; runs of kanji or of katakana of ≥ 2 characters are kept as they are; hiragana
// (mostly particles and endings) separates. A keyword counts once per ticket created in the period.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "kpi/kpis.h"

namespace hk {
namespace {

enum class Script { other, latin, digit, hiragana, katakana, kanji };

Script script_of(uint32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7))
    return Script::latin;
  if (cp >= '0' && cp <= '9') return Script::digit;
  if (cp >= 0x3041 && cp <= 0x309F) return Script::hiragana;
  if ((cp >= 0x30A0 && cp <= 0x30FF) || (cp >= 0xFF66 && cp <= 0xFF9F)) return Script::katakana;
  if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)) return Script::kanji;
  return Script::other;
}

// Decodes one UTF-8 code point at s[i]; invalid bytes decode as U+FFFD, one byte at a time.
uint32_t next_code_point(std::string_view s, size_t& i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) return ++i, 0xFFFD;
  uint32_t cp = len == 1 ? c : c & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    const unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc >> 6) != 2) return ++i, 0xFFFD;
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += len;
  return cp;
}

const std::unordered_set<std::string>& stop_words() {
  static const std::unordered_set<std::string> words = {
      "the", "and", "for", "with", "you", "your", "our", "are", "was", "has", "have", "not", "but", "can", "please",
      "from", "this", "that", "about", "re", "fwd", "fw", "help", "hello", "hi", "question", "issue", "request",
      "need", "how", "what", "why", "when", "where", "who", "will", "would", "could", "should", "does", "did", "its",
      "into", "out", "any", "all", "one", "get", "got", "just", "still", "there", "their", "them", "they", "der",
      "die", "das", "und", "les", "des", "une", "pour", "avec", "est", "por", "para", "con", "los", "las", "del"};
  return words;
}

void keywords(std::string_view subject, std::vector<std::string>& out) {
  out.clear();
  std::string token;
  Script current = Script::other;
  size_t run = 0;
  auto flush = [&] {
    if (current == Script::latin && run >= 3 && !stop_words().count(token)) out.push_back(token);
    else if ((current == Script::kanji || current == Script::katakana) && run >= 2) out.push_back(token);
    token.clear();
    run = 0;
  };
  for (size_t i = 0; i < subject.size();) {
    const size_t begin = i;
    const uint32_t cp = next_code_point(subject, i);
    Script s = script_of(cp);
    if (cp == 0x30FC && current == Script::katakana) s = Script::katakana;  // ー lengthens a katakana word
    if (s != current) {
      flush();
      current = s;
    }
    if (s == Script::latin || s == Script::kanji || s == Script::katakana) {
      if (cp < 0x80) token.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
      else token.append(subject.substr(begin, i - begin));
      ++run;
    }
  }
  flush();
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

}  // namespace

void index_subject_keywords(const Dataset& d, Facts& facts) {
  facts.subject_keyword_start.assign(1, 0);
  facts.subject_keyword_ids.clear();
  facts.subject_keywords.clear();
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<std::string> words;
  // A subject met before (the same interned text) gets the keywords of the first ticket that had it: exports repeat
  // their subjects ("Where is my refund?"), and splitting the text was most of this step (330 ms at 1M tickets).
  constexpr uint32_t kNone = UINT32_MAX;
  std::vector<uint32_t> first_with(d.strings.size(), kNone);  // subject id → first ticket row with it
  std::vector<uint32_t>& out = facts.subject_keyword_ids;
  for (uint32_t t = 0; t < d.ticket_count(); ++t) {
    const uint32_t subject = d.subject[t];
    const uint32_t first = subject == kNoString ? kNone : first_with[subject];
    if (first != kNone) {
      for (uint32_t k = facts.subject_keyword_start[first]; k < facts.subject_keyword_start[first + 1]; ++k) {
        const uint32_t id = out[k];  // (a copy: push_back may move the vector)
        out.push_back(id);
      }
    } else {
      if (subject != kNoString) first_with[subject] = t;
      keywords(d.text(subject), words);
      for (std::string& w : words) {
        auto [it, added] = ids.try_emplace(w, static_cast<uint32_t>(facts.subject_keywords.size()));
        if (added) facts.subject_keywords.push_back(std::move(w));
        out.push_back(it->second);
      }
    }
    facts.subject_keyword_start.push_back(static_cast<uint32_t>(out.size()));
  }
}

json subject_topics(const Scope& scope) {
  const Facts& f = scope.facts;
  std::vector<uint64_t> counts(f.subject_keywords.size(), 0);
  uint64_t created = 0;
  for (uint32_t t : scope.created()) {
    ++created;
    for (uint32_t k = f.subject_keyword_start[t]; k < f.subject_keyword_start[t + 1]; ++k) ++counts[f.subject_keyword_ids[k]];
  }
  std::vector<std::pair<std::string_view, uint64_t>> sorted;
  for (size_t k = 0; k < counts.size(); ++k)
    if (counts[k]) sorted.emplace_back(f.subject_keywords[k], counts[k]);
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  json out = json::array();
  for (size_t i = 0; i < sorted.size() && i < 20; ++i) {
    if (sorted[i].second < 2 && sorted.size() > 20) break;  // a word seen once is noise in a large export
    out.push_back({{"topic", std::string(sorted[i].first)},
                   {"source", "subject"},
                   {"count", sorted[i].second},
                   {"share", static_cast<double>(sorted[i].second) / static_cast<double>(created)}});
  }
  return out;
}

}  // namespace hk
