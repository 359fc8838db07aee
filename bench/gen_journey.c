/* gen_journey — writes a large, realistic, valid cjm journey to stdout.
 *
 *   gen_journey [--dense] STEPS [SEED]
 *
 * The journey is a B2B map: a journey block, five personas (one of them a
 * company), eight channels, two declared lanes, six metrics, and stages of
 * 50 steps each (the last stage takes the remainder). Every step has a
 * label, `by`, `via`, a `feel`, one to three lane entries and sometimes a
 * `measure` or a `next`; comments and `"""` blocks are sprinkled in. The
 * output is meant to check with no diagnostic at all: every persona is
 * named in every stage (stage-level `by`), every declaration is used,
 * every step has a feel, and every `next` includes the step written right
 * after it, so every step stays reachable.
 *
 * --dense writes the other kind of journey bench/README.md measures: the
 * same declarations, and steps of three short lines each, every one with
 * one to three personas, a feel and a thought (100,000 steps: 14 MB), so
 * that a file holds about twice as many tokens per byte. It checks with no
 * diagnostic from 8 steps on (fewer leave channels and lanes unused).
 *
 * The output depends only on STEPS and SEED (default 1). Standalone C11,
 * no dependencies: cc -std=c11 -O2 -o gen_journey gen_journey.c
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { STEPS_PER_STAGE = 50 };

/* ---- deterministic randomness (splitmix64) ------------------------------ */

static uint64_t rng_state;
static long total_steps; /* STEPS */

static uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static uint64_t rnd(void) {
  rng_state += 0x9e3779b97f4a7c15ULL;
  return mix64(rng_state);
}

/* A uniform-enough integer in [0, n). */
static unsigned pick(unsigned n) { return (unsigned)(rnd() % n); }

/* True with probability 1/n. */
static int one_in(unsigned n) { return pick(n) == 0; }

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define ANY(a) ((a)[pick((unsigned)COUNT(a))])

/* ---- the declarations --------------------------------------------------- */

typedef struct {
  const char *id;
  const char *label;
} decl;

/* persona 0 is the company; the others are people */
static const decl personas[] = {
    {"northwind", "Northwind Trading Ltd."},
    {"buyer", "Ana Costa, procurement lead"},
    {"it_lead", "Daniel Weber, head of IT"},
    {"cfo", "Priya Raman, CFO"},
    {"\xD0\xBE\xD0\xBB\xD1\x8C\xD0\xB3\xD0\xB0", /* ольга */
     "\xD0\x9E\xD0\xBB\xD1\x8C\xD0\xB3\xD0\xB0, \xD0\xB1\xD1\x83\xD1\x85\xD0\xB3\xD0\xB0\xD0\xBB\xD1\x82\xD0\xB5\xD1\x80"},
};
enum { NPERSONAS = (int)COUNT(personas) };

static const decl channels[] = {
    {"web", "Vendor website"},
    {"email", "Email"},
    {"webinar", "Webinar"},
    {"sales", "Sales representative"},
    {"review_site", "Review sites"},
    {"in_app", "In-app guidance"},
    {"phone", "Phone support"},
    {"\xE5\xBE\xAE\xE4\xBF\xA1", "WeChat"}, /* 微信 */
};
enum { NCHANNELS = (int)COUNT(channels) };

static const decl lanes[] = {
    {"backstage", "Back office"},
    {"content", "Content to provide"},
};

typedef struct {
  const char *id;
  const char *label;
  const char *unit;
  const char *target;
  const char *better;
  int percent; /* values end in % */
  int lo, hi;  /* range of observed values, in tenths */
} metric;

static const metric metrics[] = {
    {"demo_rate", "Demo-request rate", "%", "3", "higher", 1, 5, 60},
    {"lead_to_opp", "Lead-to-opportunity conversion", "%", "25", "higher", 1, 80, 350},
    {"sales_cycle", "Sales cycle, first contact to signature", "days", "90", "lower", 0, 300, 2000},
    {"onboarding_done", "Onboarding completed within 60 days", "%", "80", "higher", 1, 300, 990},
    {"weekly_active", "Weekly active users per licence", "%", "70", "higher", 1, 200, 950},
    {"ticket_time", "Median time to resolve a ticket", "hours", "4.5", "lower", 0, 5, 480},
};
enum { NMETRICS = (int)COUNT(metrics) };

/* ---- word banks --------------------------------------------------------- */

static const char *const stage_names[] = {
    "recognize", "research", "compare", "evaluate", "approve", "negotiate", "contract",
    "onboard", "adopt", "expand", "renew", "support",
};
static const char *const stage_labels[] = {
    "Problem recognition", "Information gathering", "Vendor comparison", "Hands-on evaluation",
    "Internal approval", "Negotiation", "Contract", "Onboarding", "Adoption", "Expansion",
    "Renewal", "Support",
};

static const char *const verbs[] = {
    "reads", "compares", "requests", "downloads", "attends", "asks", "reviews", "configures",
    "imports", "invites", "escalates", "approves", "rejects", "signs", "migrates", "exports",
    "tests", "schedules", "calls", "shares",
};
static const char *const verb_labels[] = {
    "Reads", "Compares", "Requests", "Downloads", "Attends", "Asks about", "Reviews",
    "Configures", "Imports", "Invites the team to", "Escalates", "Approves", "Rejects",
    "Signs", "Migrates", "Exports", "Tests", "Schedules", "Calls about", "Shares",
};
static const char *const objects[] = {
    "the pricing page", "the security white paper", "a product demo", "the buyer's guide",
    "a customer webinar", "the SSO integration", "the HR master data", "the approval workflow",
    "the order form", "the onboarding plan", "the usage report", "the renewal quote",
    "the API sandbox", "the data-processing agreement", "a reference call", "the trial workspace",
    "the roadmap", "the invoice", "the audit log", "the mobile app",
};
static const char *const object_ids[] = {
    "pricing", "security_doc", "demo", "guide", "webinar", "sso", "hr_data", "workflow",
    "order_form", "onboarding", "usage", "renewal", "api", "dpa", "reference", "trial",
    "roadmap", "invoice", "audit_log", "mobile",
};
static const char *const when[] = {
    "on a Monday morning", "before the quarterly review", "during month-end closing",
    "after the board meeting", "while travelling between depots", "late on a Friday",
    "in the weekly team meeting", "right after the kick-off", "ahead of the budget freeze",
    "two weeks before go-live",
};

static const char *const feel_pos[] = {
    "curious", "hopeful", "relieved", "reassured", "convinced", "pleased", "confident",
    "proud", "in control", "encouraged",
};
static const char *const feel_neu[] = {"neutral", "methodical", "patient", "undecided", "cautious"};
static const char *const feel_neg[] = {
    "confused", "frustrated", "overwhelmed", "anxious", "impatient", "annoyed", "stuck",
    "exhausted", "sceptical", "deflated",
};

static const char *const thoughts[] = {
    "Is this really simpler than what we have today, or just newer?",
    "If the rollout slips past the office move, I will have to explain it to the board",
    "They say it takes thirty days, but our last system project took eleven months",
    "I need something I can show the auditors without rewriting every form",
    "Who is going to support this when the consultant leaves?",
    "Finally a vendor that writes for companies of our size",
    "Will the depot managers really approve on their phones?",
    "The numbers look good, but I want to hear it from a customer like us",
    "Nobody mentioned single sign-on or the audit log in the demo",
    "If the price is per active user, the seasonal staff will not cost us a fortune",
};
static const char *const pains[] = {
    "Every vendor page says all-in-one and none of them shows a price",
    "The security sheet is hidden behind a sales contact form",
    "Five nurture emails in a week, all about features she does not need",
    "The trial starts empty and the team does not know where to begin",
    "Licence prices are compared without the cost of rolling out",
    "The HR master file uses a custom format and the import fails twice",
    "Training material is written for the desktop only",
    "The terms exist only in English and legal asks for a translation",
    "A minimum of 500 seats when only 180 employees work at a desk",
    "Approval evidence lives in binders and is incomplete",
    "The connector is on the roadmap, with no date",
    "Support answers in a day, but the question blocks a whole depot",
};
static const char *const opportunities[] = {
    "Publish list prices and a plan for mid-size companies",
    "Publish the security white paper and the ISMS certificate openly",
    "Segment nurture by department so that each lead gets relevant templates",
    "Pre-load the trial with the forms shown in the demo",
    "Offer a three-year total-cost one-pager written for executives",
    "Provide a mapping wizard for the common HR systems",
    "Ship a mobile-first quick-start card for approvers",
    "A health score that alerts the customer-success manager before usage drops",
    "Arm the champion with a customer reference call before the review",
    "Publish the connector roadmap and open the API sandbox",
};
static const char *const needs[] = {
    "A shortlist that fits a mid-size company, not an enterprise suite",
    "A go-live that does not collide with month-end closing",
    "Terms the legal adviser can read in one sitting",
    "Proof of return before the first renewal",
    "A tool the team can configure without waiting for IT",
};
static const char *const notes[] = {
    "For this persona, word of mouth from peers outweighs any advertising",
    "Observed in six of the nine interviews held in the spring research round",
    "The loop back to comparison costs three weeks on average",
    "Seasonal peaks double the number of approvals for two months",
};
static const char *const actions[] = {
    "Opens the link from the newsletter on her phone and forwards it to IT",
    "Prints the comparison table and marks the missing features in red",
    "Books a thirty-minute call through the calendar widget",
    "Creates a shared folder for the evaluation notes",
};
static const char *const backstage_texts[] = {
    "Lead scored and routed to inside sales within one working day",
    "The security team answers the questionnaire by email",
    "Onboarding project created and a customer-success manager assigned",
    "Usage data synced nightly into the account health dashboard",
    "Booth staff scan the badge into marketing automation",
};
static const char *const content_texts[] = {
    "Comparison guide: workflow tools for 100 to 1,000 employees",
    "Executive brief: what paper costs a 450-person company",
    "Video course: routing rules in fifteen minutes",
    "Case study co-written with a logistics customer",
    "Security white paper, SSO guide and data-residency statement",
    "ROI calculator: hours saved per month, per site",
};
static const char *const comments[] = {
    "From the spring interview round", "Confirmed in the usage logs", "TODO: check with sales",
    "Seen at two of the six depots", "Reported by customer success", "Needs a second source",
};
/* Chinese and Russian text, for the UTF-8 paths of the lexer. */
static const char *const foreign[] = {
    "\xE4\xBB\xB7\xE6\xA0\xBC\xE9\xA1\xB5\xE9\x9D\xA2\xE4\xB8\x8D\xE6\xB8\x85\xE6\xA5\x9A"
    "\xEF\xBC\x8C\xE4\xB8\x8D\xE7\x9F\xA5\xE9\x81\x93\xE8\xA6\x81\xE4\xBB\x98\xE5\xA4\x9A"
    "\xE5\xB0\x91\xE9\x92\xB1", /* 价格页面不清楚，不知道要付多少钱 */
    "\xE5\xB8\x8C\xE6\x9C\x9B\xE8\x83\xBD\xE5\x9C\xA8\xE6\x89\x8B\xE6\x9C\xBA\xE4\xB8\x8A"
    "\xE5\xAE\xA1\xE6\x89\xB9\xEF\xBC\x8C\xE4\xB8\x8D\xE7\x94\xA8\xE5\x9B\x9E\xE5\x8A\x9E"
    "\xE5\x85\xAC\xE5\xAE\xA4", /* 希望能在手机上审批，不用回办公室 */
    "\xD0\x9D\xD0\xB5\xD0\xBF\xD0\xBE\xD0\xBD\xD1\x8F\xD1\x82\xD0\xBD\xD0\xBE, \xD1\x81\xD0\xBA"
    "\xD0\xBE\xD0\xBB\xD1\x8C\xD0\xBA\xD0\xBE \xD1\x81\xD1\x82\xD0\xBE\xD0\xB8\xD1\x82 "
    "\xD0\xB2\xD0\xBD\xD0\xB5\xD0\xB4\xD1\x80\xD0\xB5\xD0\xBD\xD0\xB8\xD0\xB5 \xD0\xBD\xD0\xB0 "
    "\xD1\x81\xD0\xB0\xD0\xBC\xD0\xBE\xD0\xBC \xD0\xB4\xD0\xB5\xD0\xBB\xD0\xB5",
    /* Непонятно, сколько стоит внедрение на самом деле */
    "\xD0\x94\xD0\xBE\xD0\xB3\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x80 \xD1\x82\xD0\xBE\xD0\xBB\xD1\x8C"
    "\xD0\xBA\xD0\xBE \xD0\xBD\xD0\xB0 \xD0\xB0\xD0\xBD\xD0\xB3\xD0\xBB\xD0\xB8\xD0\xB9\xD1\x81"
    "\xD0\xBA\xD0\xBE\xD0\xBC, \xD1\x8E\xD1\x80\xD0\xB8\xD1\x81\xD1\x82 \xD0\xBF\xD1\x80\xD0\xBE"
    "\xD1\x81\xD0\xB8\xD1\x82 \xD0\xBF\xD0\xB5\xD1\x80\xD0\xB5\xD0\xB2\xD0\xBE\xD0\xB4",
    /* Договор только на английском, юрист просит перевод */
};


/* The short thoughts of --dense. */
static const char *const feel_words_thought[] = {
    "Too many forms to fill in", "Where is the price list?", "Looks simple enough to me",
    "I should ask IT first", "Is it secure enough for us?", "Finally, an answer", "Not again",
    "Who approves this one?",
};

/* ---- identifiers that must be known before they are written ------------- */

/* Step ids are a function of the global step index alone, so that a `next`
 * can name a step written later. */
static void step_id(char *buf, size_t size, long index) {
  uint64_t h = mix64((uint64_t)index * 0x2545f4914f6cdd1dULL + 7);
  snprintf(buf, size, "%s_%s_%ld", verbs[h % COUNT(verbs)], object_ids[(h >> 16) % COUNT(objects)],
           index + 1);
}

/* ---- writers ------------------------------------------------------------ */

static void put_feel(int score) {
  if (score > 0)
    printf("    feel +%d", score);
  else
    printf("    feel %d", score);
  const char *word = score > 0 ? ANY(feel_pos) : score < 0 ? ANY(feel_neg) : ANY(feel_neu);
  printf(" \"%s\"", word);
}

/* A lane entry of realistic length: a sentence, sometimes extended with a
 * clause, sometimes Chinese or Russian, sometimes with escapes. */
static void put_text(const char *const *bank, size_t n) {
  if (one_in(9)) {
    printf("\"%s\"", foreign[pick((unsigned)COUNT(foreign))]);
    return;
  }
  const char *s = bank[pick((unsigned)n)];
  switch (pick(8)) {
  case 0:
    printf("\"%s, %s\"", s, ANY(when));
    break;
  case 1:
    printf("\"%s \\u{2014} \\\"%s\\\"\"", s, ANY(when));
    break;
  case 2:
    printf("\"%s; see also %s\"", s, ANY(objects));
    break;
  default:
    printf("\"%s\"", s);
  }
}

static void put_entry(int lane, const int *by, int nby) {
  printf("    ");
  switch (lane) {
  case 0:
    printf("thought ");
    put_text(thoughts, COUNT(thoughts));
    break;
  case 1:
    printf("pain ");
    put_text(pains, COUNT(pains));
    break;
  case 2:
    printf("opportunity ");
    put_text(opportunities, COUNT(opportunities));
    break;
  case 3:
    printf("backstage ");
    put_text(backstage_texts, COUNT(backstage_texts));
    break;
  case 4:
    printf("content ");
    put_text(content_texts, COUNT(content_texts));
    break;
  case 5:
    printf("need ");
    put_text(needs, COUNT(needs));
    break;
  case 6:
    printf("note ");
    put_text(notes, COUNT(notes));
    break;
  default:
    printf("action ");
    put_text(actions, COUNT(actions));
    break;
  }
  if (nby > 1 && one_in(3)) printf(" for %s", personas[by[pick((unsigned)nby)]].id);
  putchar('\n');
}

static void put_header(void) {
  printf("# Benchmark journey generated by bench/gen_journey.c.\n"
         "#\n"
         "# A B2B map: Northwind Trading finds, evaluates, buys and rolls out a\n"
         "# workflow platform. Five personas, one of them the company itself, so\n"
         "# that every stage is read for the organisation as a whole.\n\n");
  printf("journey \"Introducing a workflow platform at Northwind Trading\"\n"
         "  goal \"Find where mid-size buyers stall between the first pain and company-wide use\"\n"
         "  owner \"Growth team\"\n"
         "  status as-is\n"
         "  scale -2..2\n"
         "  measure sales_cycle 132\n\n");

  printf("# --- Who travels ----------------------------------------------------\n\n");
  printf("persona %s \"%s\"\n  kind company\n"
         "  segment \"Mid-size trading company, 450 employees, six depots\"\n"
         "  goal \"Close the books two days faster and keep a complete approval trail\"\n"
         "  fear \"A system project that drags on like the last ERP upgrade\"\n\n",
         personas[0].id, personas[0].label);
  printf("persona %s \"%s\"\n"
         "  role \"Runs purchasing for six depots; owns every paper form\"\n"
         "  goal \"Retire paper approval forms before the office move\"\n"
         "  fear \"Being blamed if month-end closing breaks during the switch\"\n"
         "  quote \"\"\"\n"
         "    We print the form, sign it, scan it, and then someone types it in again.\n"
         "      I know there is a better way.\n"
         "    I just cannot spend a year finding it.\n"
         "    \"\"\"\n\n",
         personas[1].id, personas[1].label);
  printf("persona %s \"%s\"\n"
         "  role \"IT manager with a team of three and no spare headcount\"\n"
         "  need \"Security white paper, SSO, audit log, data kept in the EU\"\n\n",
         personas[2].id, personas[2].label);
  printf("persona %s \"%s\"\n"
         "  role \"Signs every purchase above 50,000 euros\"\n"
         "  motive \"Peers in the industry association have already gone paperless\"\n\n",
         personas[3].id, personas[3].label);
  printf("persona %s \"%s\"\n"
         "  role \"%s\"\n\n",
         personas[4].id, personas[4].label, foreign[3]);

  printf("# --- Where they meet us ---------------------------------------------\n\n");
  for (int i = 0; i < NCHANNELS; i++) printf("channel %s \"%s\"\n", channels[i].id, channels[i].label);
  printf("\n");
  for (size_t i = 0; i < COUNT(lanes); i++) printf("lane %s \"%s\"\n", lanes[i].id, lanes[i].label);
  printf("\n# --- What we measure ------------------------------------------------\n\n");
  for (int i = 0; i < NMETRICS; i++)
    printf("metric %s \"%s\"\n  unit \"%s\"\n  target %s\n  better %s\n\n", metrics[i].id,
           metrics[i].label, metrics[i].unit, metrics[i].target, metrics[i].better);
}

static void put_stage(long stage, long first, long count) {
  unsigned k = (unsigned)(stage % (long)COUNT(stage_names));
  printf("# --- Stage %ld: %s ------------------------------------------\n\n", stage + 1,
         stage_labels[k]);
  printf("stage %s_%ld \"%s, round %ld\"\n", stage_names[k], stage / (long)COUNT(stage_names) + 1,
         stage_labels[k], stage / (long)COUNT(stage_names) + 1);
  /* every persona is involved in every stage: no coverage warning */
  printf("  by ");
  for (int p = 0; p < NPERSONAS; p++) printf("%s%s", p ? ", " : "", personas[p].id);
  printf("\n  need ");
  put_text(needs, COUNT(needs));
  printf(" for %s\n", personas[0].id);
  if (one_in(4)) printf("  measure %s %d\n", metrics[2].id, 60 + (int)pick(120));
  printf("\n");

  char id[96], id2[96];
  for (long j = 0; j < count; j++) {
    long index = first + j;
    if (j > 0 && one_in(6)) printf("  # %s, observed %s\n", ANY(comments), ANY(when));

    int by[2], nby = 1 + one_in(3);
    by[0] = (int)pick(NPERSONAS);
    if (nby == 2) {
      by[1] = (int)pick(NPERSONAS - 1);
      if (by[1] >= by[0]) by[1]++;
    }
    int via[NCHANNELS], nvia = 1 + one_in(4);
    via[0] = (int)pick(NCHANNELS);
    if (nvia == 2) {
      via[1] = (int)pick(NCHANNELS - 1);
      if (via[1] >= via[0]) via[1]++;
    }
    /* make sure every channel is used somewhere early on */
    if (index < NCHANNELS) via[0] = (int)index, nvia = 1;
    /* in a journey of fewer than 8 steps, the last step uses what is left */
    int last_small = index == total_steps - 1 && total_steps < 8;
    if (last_small)
      for (nvia = 0; index + nvia < NCHANNELS; nvia++) via[nvia] = (int)(index + nvia);

    step_id(id, sizeof id, index);
    uint64_t h = mix64((uint64_t)index * 0x2545f4914f6cdd1dULL + 7);
    printf("  step %s \"%s %s %s\" by ", id, verb_labels[h % COUNT(verbs)], objects[(h >> 16) % COUNT(objects)],
           ANY(when));
    for (int b = 0; b < nby; b++) printf("%s%s", b ? ", " : "", personas[by[b]].id);
    printf(" via ");
    for (int v = 0; v < nvia; v++) printf("%s%s", v ? ", " : "", channels[via[v]].id);
    printf("\n");

    /* feel: one per persona when two are involved, sometimes */
    if (nby == 2 && one_in(2)) {
      for (int b = 0; b < nby; b++) {
        put_feel((int)pick(5) - 2);
        printf(" for %s\n", personas[by[b]].id);
      }
    } else {
      put_feel((int)pick(5) - 2);
      printf("\n");
    }

    int nentries = 1 + (int)pick(3);
    for (int e = 0; e < nentries; e++) {
      int lane = (int)pick(10);
      if (lane > 7) lane = (int)pick(3); /* thought, pain, opportunity are the common ones */
      if (index < 8) lane = (int)index;  /* every lane used early on */
      put_entry(lane, by, nby);
    }
    if (last_small)
      for (long lane = index + 1; lane < 8; lane++) put_entry((int)lane, by, nby);
    if (index < NMETRICS || one_in(7)) {
      const metric *m = &metrics[index < NMETRICS ? index : (long)pick(NMETRICS)];
      int v = m->lo + (int)pick((unsigned)(m->hi - m->lo + 1));
      printf("    measure %s %d.%d%s\n", m->id, v / 10, v % 10, m->percent ? "%" : "");
    }
    if (last_small)
      for (long k = index + 1; k < NMETRICS; k++)
        printf("    measure %s %d%s\n", metrics[k].id, metrics[k].lo / 10 + 1, metrics[k].percent ? "%" : "");
    if (index % 997 == 500) {
      printf("    note \"\"\"\n"
             "      Advocacy closes the loop: this story becomes the content that the\n"
             "      next buyer finds in the research stage.\n"
             "        (interview %ld)\n"
             "      \"\"\"\n",
             index);
    }
    /* branch: the step right after, plus one later step of the stage */
    if (j + 2 < count && one_in(12)) {
      long later = j + 2 + (long)pick((unsigned)(count - j - 2));
      step_id(id, sizeof id, index + 1);
      step_id(id2, sizeof id2, first + later);
      printf("    next %s, %s\n", id, id2);
    }
    printf("\n");
  }
}


/* --dense: a step in three short lines, `by` one to three personas, a
 * feel and a thought on every step. Every channel is named by the first
 * steps, and every lane and metric by the first stage (put_header and
 * put_stage's first steps declare and use them the same way). */
static void put_dense_stage(long stage, long first, long count) {
  unsigned k = (unsigned)(stage % (long)COUNT(stage_names));
  printf("stage %s_%ld \"%s\"\n  by ", stage_names[k], stage / (long)COUNT(stage_names) + 1,
         stage_labels[k]);
  for (int p = 0; p < NPERSONAS; p++) printf("%s%s", p ? ", " : "", personas[p].id);
  printf("\n\n");
  for (long j = 0; j < count; j++) {
    long index = first + j;
    int nby = 1 + (int)pick(3), p0 = (int)pick(NPERSONAS);
    printf("  step s%ld \"%s %s\" by ", index + 1, verb_labels[pick(COUNT(verb_labels))],
           objects[pick(COUNT(objects))]);
    for (int b = 0; b < nby; b++) printf("%s%s", b ? ", " : "", personas[(p0 + b) % NPERSONAS].id);
    printf(" via %s\n", channels[index < NCHANNELS ? index : (long)pick(NCHANNELS)].id);
    put_feel((int)pick(5) - 2);
    printf("\n    thought \"%s\"\n", feel_words_thought[pick(COUNT(feel_words_thought))]);
    if (index < 8 && index > 0) put_entry((int)index, &p0, 1);
    if (index < NMETRICS) {
      const metric *m = &metrics[index];
      printf("    measure %s %d%s\n", m->id, m->lo / 10 + 1, m->percent ? "%" : "");
    }
    printf("\n");
  }
}

int main(int argc, char **argv) {
  int dense = argc > 1 && strcmp(argv[1], "--dense") == 0;
  if (dense) argv++, argc--;
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: %s [--dense] STEPS [SEED]\n", argv[0]);
    return 2;
  }
  char *end;
  long steps = strtol(argv[1], &end, 10);
  if (*end || steps < 1) {
    fprintf(stderr, "%s: STEPS must be a positive integer\n", argv[0]);
    return 2;
  }
  unsigned long long seed = 1;
  if (argc == 3) {
    seed = strtoull(argv[2], &end, 10);
    if (*end) {
      fprintf(stderr, "%s: SEED must be a non-negative integer\n", argv[0]);
      return 2;
    }
  }
  rng_state = mix64(seed ^ 0x6a09e667f3bcc909ULL);
  total_steps = steps;
  static char buf[1 << 16];
  setvbuf(stdout, buf, _IOFBF, sizeof buf);

  put_header();
  long stages = (steps + STEPS_PER_STAGE - 1) / STEPS_PER_STAGE;
  for (long s = 0; s < stages; s++) {
    long first = s * STEPS_PER_STAGE;
    long count = steps - first < STEPS_PER_STAGE ? steps - first : STEPS_PER_STAGE;
    if (dense) put_dense_stage(s, first, count);
    else put_stage(s, first, count);
  }
  if (fflush(stdout) != 0 || ferror(stdout)) {
    perror("gen_journey: stdout");
    return 1;
  }
  return 0;
}
