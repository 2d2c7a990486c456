package org.storybot.answer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Month;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a question asks about ("What did <b>Russia</b> say about Iran's attack?"), and whether
 * an article names them. An answer cited from an article that never names what the question asks
 * about answers another question: the ranker, which learned from questions that name what their
 * article names, finds the closest sentence about something else and is sure of it.
 *
 * <p>A name is a run of capitalised words after a sentence's first ("Russia", "Kate Bosworth",
 * "IRGC"), days, months, single letters and adjectives before a noun ("which British monarch")
 * aside, or a year. An article names it when it has half of its words or forms of them ("Iranian"
 * for "Iran", "British" for "Britain"), the initials of words it spells out ("UMC" for "United
 * Methodist Church", "Revolutionary Guards" inside "IRGC"), or a name that stands for the same
 * country in the news ("Tehran" for Iran, "Washington" and "the Pentagon" for the United States;
 * {@code places.txt}).
 */
final class Names {
  /**
   * Capitalised words that name nothing an article must name: days ("on Sundays") and months date
   * things, and a few words are capitalised by habit.
   */
  private static final Set<String> NOT_NAMES = notNames();

  /** The longest acronym looked for among an article's initials. */
  private static final int LONGEST_ACRONYM = 6;

  /** How many letters two forms of one name may differ by after their common start. */
  private static final int ENDING = 3;

  /** The shortest common start that makes two words forms of one name ("Iran", "Iranian"). */
  private static final int STEM = 4;

  private static final Map<String, Set<String>> PLACES = places();

  private Names() {}

  /** A word (perhaps with an apostrophe inside), or a mark that ends a sentence. */
  private static final Pattern TOKEN =
      Pattern.compile("(" + Preferred.WORD.pattern() + ")|([.?!;:])");

  /** Small words inside a name: "Bank of England", "Meet the Fockers", "Abu al Masri". */
  private static final Set<String> JOINING =
      Set.of("of", "the", "and", "de", "del", "da", "du", "la", "le", "al", "bin", "von", "van");

  /**
   * How an adjective of a place or a people ends: "Iranian", "European", "American", "British",
   * "Chinese", "Arabic", "Israeli" (not "Iran", "Jordan", "German": those name).
   */
  private static final Pattern ADJECTIVE = Pattern.compile(".*(?:ian|ean|can|ish|ese|ic|i)");

  /**
   * The names {@code question} asks about, each the words of one run of capitalised words ("Kate
   * Bosworth", "Meet the Fockers"), a possessive's "'s" dropped. A sentence's first word is not a
   * name, nor is a letter alone ("V&A"), nor an adjective before a noun ("which British monarch",
   * "Iranian strikes"): it describes, it does not name. A place of {@code places.txt} is a name
   * however it is typed ("what did russia say?", "Russia said what?"), unless it is also an
   * everyday word ("us", "turkey").
   */
  static List<List<String>> of(String question) {
    List<String> words = new ArrayList<>();
    List<Boolean> starts = new ArrayList<>();
    List<Boolean> possessive = new ArrayList<>();
    boolean start = true;
    Matcher m = TOKEN.matcher(question);
    while (m.find()) {
      if (m.group(2) != null) {
        start = true;
        continue;
      }
      words.add(Preferred.unpossessed(m.group(1)));
      possessive.add(!m.group(1).equals(words.getLast()));
      starts.add(start);
      start = false;
    }
    List<List<String>> names = new ArrayList<>();
    List<String> run = new ArrayList<>();
    for (int i = 0; i <= words.size(); i++) {
      String w = i < words.size() ? words.get(i) : null;
      int place =
          run.isEmpty() && w != null && !(isName(w) && !starts.get(i)) ? place(words, i) : 0;
      if (place > 0) { // "what did russia say?": typed without capitals, a place is still a name
        String next = i + place < words.size() ? words.get(i + place) : null;
        if (place > 1 || !describes(w, possessive.get(i), next)) { // "iranian drones" describes
          names.add(List.copyOf(words.subList(i, i + place)));
        }
        i += place - 1;
        continue;
      }
      if (w != null && !starts.get(i) && isName(w)) {
        run.add(w);
      } else if (w != null
          && !run.isEmpty()
          && JOINING.contains(w)
          && i + 1 < words.size()
          && isName(words.get(i + 1))) {
        run.add(w);
      } else {
        if (!run.isEmpty()) {
          if (run.size() > 1 || !describes(run.getFirst(), possessive.get(i - 1), w)) {
            names.add(List.copyOf(run));
          }
          run = new ArrayList<>();
        }
        if (w != null && YEAR.matcher(w).matches()) {
          names.add(List.of(w));
        }
      }
    }
    return names;
  }

  /**
   * Names of {@code places.txt} that are also everyday words when typed without capitals ("us",
   * "turkey", "polish"), or a letter alone ("x"): read as names only when capitalised.
   */
  private static final Set<String> EVERYDAY =
      Set.of(
          "us",
          "un",
          "x",
          "turkey",
          "polish",
          "pole",
          "poles",
          "kiwi",
          "dane",
          "danes",
          "finn",
          "finns",
          "congress",
          "capitol",
          "sofia",
          "lima",
          "santiago",
          "english");

  /** The most words of a place name ({@code places.txt}: "united arab emirates"). */
  private static final int LONGEST_PLACE = 3;

  /**
   * How many words from {@code at} on spell a name of {@code places.txt} ("russia", "white house",
   * "saudi arabia"), the longest first; 0 when none does, or when it is an everyday word.
   */
  private static int place(List<String> words, int at) {
    for (int n = Math.min(LONGEST_PLACE, words.size() - at); n > 0; n--) {
      String name = Preferred.lower(String.join(" ", words.subList(at, at + n)));
      if (PLACES.containsKey(name) && !EVERYDAY.contains(name)) return n;
    }
    return 0;
  }

  /**
   * The names {@code question} asks about ({@link #of(String)}), a question typed all in lower case
   * read as {@code texts} spell its words ({@link #spellings}).
   */
  static List<List<String>> of(String question, List<String> texts) {
    return of(recased(question, spellings(question, texts)));
  }

  /**
   * How {@code texts} spell the words of {@code question} when it is typed all in lower case ("what
   * did bosworth say?"): each of its words that they only ever capitalise, after their sentence's
   * first word, by its lower case ("bosworth" to "Bosworth"). Empty when a word of the question but
   * its first has a capital (it is read as typed) or none of its words is always capitalised.
   */
  static Map<String, String> spellings(String question, List<String> texts) {
    List<String> words = Preferred.words(question);
    for (int i = 1; i < words.size(); i++) { // "Who is kirby?": its first word tells nothing
      if (words.get(i).codePoints().anyMatch(Character::isUpperCase)) return Map.of();
    }
    Set<String> asked = new HashSet<>();
    for (String w : words) asked.add(Preferred.lower(w));
    Map<String, String> capitalised = new HashMap<>();
    Set<String> lower = new HashSet<>();
    for (String text : texts) {
      List<String> w = Preferred.words(text);
      for (int i = 1; i < w.size(); i++) {
        String word = w.get(i);
        if (!asked.contains(Preferred.lower(word))) continue;
        if (Character.isUpperCase(word.codePointAt(0))) {
          capitalised.putIfAbsent(Preferred.lower(word), word);
        } else {
          lower.add(word);
        }
      }
    }
    capitalised.keySet().removeAll(lower);
    return capitalised;
  }

  /**
   * {@code text} with each word {@code spellings} has spelt its way ("bosworth's" "Bosworth's").
   */
  static String recased(String text, Map<String, String> spellings) {
    if (spellings.isEmpty()) return text;
    StringBuilder out = new StringBuilder();
    Matcher m = Preferred.WORD.matcher(text);
    int last = 0;
    while (m.find()) {
      String word = Preferred.unpossessed(m.group());
      String spelt = spellings.get(word);
      out.append(text, last, m.start());
      out.append(spelt == null ? m.group() : spelt + m.group().substring(word.length()));
      last = m.end();
    }
    return out.append(text.substring(last)).toString();
  }

  /**
   * Whether {@code word}, followed by {@code next}, is an adjective before a noun ("which British
   * monarch", "iranian drones"): it describes, it does not name. Not when possessive ("Iran's").
   */
  private static boolean describes(String word, boolean possessive, String next) {
    return !possessive
        && ADJECTIVE.matcher(Preferred.lower(word)).matches()
        && next != null
        && Character.isLowerCase(next.codePointAt(0));
  }

  /** A year ("Who won the 2022 World Cup?"): an article that never gives it is about another. */
  private static final Pattern YEAR = Pattern.compile("1[0-9]{3}|20[0-9]{2}");

  private static boolean isName(String w) {
    return w.length() > 1
        && Character.isUpperCase(w.codePointAt(0))
        && !NOT_NAMES.contains(Preferred.lower(w));
  }

  /**
   * The first of {@code question}'s names that the article of {@code title} and {@code sentences}
   * does not name, if any.
   */
  static Optional<String> missing(String question, String title, List<String> sentences) {
    return missing(of(question), title, sentences);
  }

  /**
   * The first of {@code names} ({@link #of}) that the article of {@code title} and {@code
   * sentences} does not name, if any.
   */
  static Optional<String> missing(List<List<String>> names, String title, List<String> sentences) {
    if (names.isEmpty()) return Optional.empty();
    StringBuilder text = new StringBuilder(" ").append(title);
    for (String s : sentences) text.append(' ').append(s);
    String lower = text.toString().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    List<String> spelt = Preferred.words(text.toString());
    Set<String> words = new HashSet<>();
    for (String w : spelt) words.add(Preferred.lower(w).replace('\u2019', '\''));
    Set<String> initials = initials(spelt);
    for (List<String> name : names) {
      if (name.size() == 1 && initials.contains(name.getFirst())) continue; // "UMC"
      if (name.size() > 1 && inAcronym(name, spelt)) continue; // "Revolutionary Guards": IRGC
      if (!named(name, words, lower)) return Optional.of(String.join(" ", name));
    }
    return Optional.empty();
  }

  /**
   * Whether the initials of {@code name} are inside an acronym of the article: "Revolutionary
   * Guards" in "IRGC" (the Islamic Revolutionary Guard Corps), "Prime Minister" in "PM".
   */
  private static boolean inAcronym(List<String> name, List<String> spelt) {
    StringBuilder initials = new StringBuilder();
    for (String w : name) if (!JOINING.contains(w)) initials.appendCodePoint(w.codePointAt(0));
    String wanted = initials.toString().toUpperCase(Locale.ROOT);
    for (String w : spelt) {
      if (w.length() >= wanted.length()
          && w.equals(w.toUpperCase(Locale.ROOT))
          && w.contains(wanted)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The initials of each run of capitalised words of {@code spelt}, small joining words skipped:
   * "United Methodist Church" gives "UMC", "Royal Institute of British Architects" "RIBA" (and
   * "UM", "RIB", ...).
   */
  private static Set<String> initials(List<String> spelt) {
    Set<String> out = new HashSet<>();
    for (int i = 0; i < spelt.size(); i++) {
      StringBuilder acronym = new StringBuilder();
      for (int j = i; j < spelt.size() && acronym.length() < LONGEST_ACRONYM; j++) {
        String w = spelt.get(j);
        if (JOINING.contains(w) && acronym.length() > 0) continue;
        if (!Character.isUpperCase(w.codePointAt(0))) break;
        acronym.appendCodePoint(w.codePointAt(0));
        if (acronym.length() > 1) out.add(acronym.toString());
      }
    }
    return out;
  }

  /**
   * Whether the article names {@code name}: a place's other name, or at least half of its words
   * ("Joe Biden" in an article that says "Biden"; a misspelt "San Diego-Carslbad").
   */
  private static boolean named(List<String> spelt, Set<String> words, String text) {
    List<String> name = spelt.stream().map(Preferred::lower).toList();
    if (aliased(String.join(" ", name), words, text)) return true;
    int all = 0, found = 0;
    for (String w : name) {
      if (JOINING.contains(w)) continue;
      all++;
      if (named(w, words, text)) found++;
    }
    return 2 * found >= all;
  }

  private static boolean named(String name, Set<String> words, String text) {
    for (String w : words) if (forms(name, w) || misspelt(name, w)) return true;
    return aliased(name, words, text);
  }

  /** The shortest name whose misspelling is still read as it ("kirbi" for "kirby"). */
  private static final int TYPO_LENGTH = 5;

  /** The shortest name that may have two letters wrong ("netanyahoo" for "netanyahu"). */
  private static final int TWO_TYPOS_LENGTH = 8;

  /**
   * Whether {@code typed} is {@code word} misspelt: a letter wrong, missing, extra, or two side by
   * side swapped (two such slips in a name of {@value #TWO_TYPOS_LENGTH} letters or more), its
   * first letter right ("kirbi", "nethanyahu"; not "gordon" for "jordan", nor "iraq" for "iran"). A
   * typo should not make the bot say the articles never mention someone they quote.
   */
  static boolean misspelt(String typed, String word) {
    if (typed.length() < TYPO_LENGTH || word.isEmpty() || typed.charAt(0) != word.charAt(0)) {
      return false;
    }
    int allowed = typed.length() >= TWO_TYPOS_LENGTH ? 2 : 1;
    if (Math.abs(typed.length() - word.length()) > allowed) return false;
    // edit distance with swaps of neighbours (optimal string alignment)
    int[][] d = new int[typed.length() + 1][word.length() + 1];
    for (int i = 0; i <= typed.length(); i++) d[i][0] = i;
    for (int j = 0; j <= word.length(); j++) d[0][j] = j;
    for (int i = 1; i <= typed.length(); i++) {
      for (int j = 1; j <= word.length(); j++) {
        int cost = typed.charAt(i - 1) == word.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && typed.charAt(i - 1) == word.charAt(j - 2)
            && typed.charAt(i - 2) == word.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[typed.length()][word.length()] <= allowed;
  }

  /**
   * The other names of the place {@code name} (lower-case words) in {@code places.txt}, each as its
   * words ("us": "united states", "washington", "white house", ...); empty when it is none. Names
   * written with dots ("u.s.") are left out: their words are letters.
   */
  static List<List<String>> aliases(List<String> name) {
    List<List<String>> out = new ArrayList<>();
    for (String alias : PLACES.getOrDefault(String.join(" ", name), Set.of())) {
      if (alias.indexOf('.') < 0) out.add(List.of(alias.split(" ")));
    }
    return out;
  }

  /** Whether the article has another name of the place {@code name} ("Tehran": "Iran"). */
  private static boolean aliased(String name, Set<String> words, String text) {
    for (String alias : PLACES.getOrDefault(name, Set.of())) {
      if (alias.indexOf(' ') >= 0 || alias.indexOf('.') >= 0) {
        if (text.contains(" " + alias)) return true;
      } else if (words.contains(alias)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code a} and {@code b} are one word, or forms of one ("iran", "iranian"). */
  static boolean forms(String a, String b) {
    if (a.equals(b)) return true;
    int common = 0;
    int shorter = Math.min(a.length(), b.length());
    while (common < shorter && a.charAt(common) == b.charAt(common)) common++;
    return common >= STEM && Math.max(a.length(), b.length()) - common <= ENDING;
  }

  private static Set<String> notNames() {
    Set<String> out = new HashSet<>(Set.of("i", "tv", "ok", "okay", "mr", "mrs", "ms", "dr"));
    for (DayOfWeek day : DayOfWeek.values()) {
      out.add(Preferred.lower(day.name()));
      out.add(Preferred.lower(day.name()) + "s");
    }
    for (Month month : Month.values()) out.add(Preferred.lower(month.name()));
    return Set.copyOf(out);
  }

  /** Each name of {@code places.txt}, with every name of its group. */
  private static Map<String, Set<String>> places() {
    Map<String, Set<String>> out = new HashMap<>();
    try (InputStream in = Names.class.getResourceAsStream("places.txt")) {
      if (in == null) throw new IllegalStateException("places.txt is missing from the jar");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) continue;
        List<String> group = List.of(line.strip().split("\\|"));
        for (String name : group) out.computeIfAbsent(name, k -> new HashSet<>()).addAll(group);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read places.txt", e);
    }
    return out;
  }
}
