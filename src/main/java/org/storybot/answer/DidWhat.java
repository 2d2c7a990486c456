package org.storybot.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "What did Iran do?": a question about what someone did. The ranker, which learned from questions
 * that name what they ask for, puts first a sentence that repeats the subject ("... staying
 * vigilant to Iranian threats"); the answer is one where they act: their name before a verb in the
 * past ("Austin asked Gallant ...", "Iran launched ..."), or their name or its adjective before a
 * deed ("Iran's attacks against Israel", "the Iranian retaliatory attack").
 *
 * <p>It only chooses: the abstention model's verdict stands, and only the ranker's best {@value
 * #LOOKED_AT} are looked at.
 *
 * @param actor the words naming who acted, lower case ("iran", "the white house")
 */
record DidWhat(List<String> actor) implements Preferred {
  private static final Pattern QUESTION =
      Pattern.compile(
          "^(?:so |and )?what (?:(?:did|does|do) (.{2,40}?) do|(?:has|have|had) (.{2,40}?) done"
              + "|(?:is|are|was|were) (.{2,40}?) doing)"
              + "(?: (?:so far|then|next|now|today|about it|after that))?$");

  /** Words about an actor that do not name them ("the", "some", "these"). */
  private static final Set<String> NOT_AN_ACTOR =
      Preferred.listed(
          """
          the a an he she they it you we i this that these those some most many all its their his
          her our your""");

  /** At most this many words name the actor ("the Iranian Armed Forces"). */
  private static final int LONGEST = 3;

  /** Only this many of the ranker's best are looked at: further down, they answer other things. */
  static final int LOOKED_AT = 8;

  /** Verbs in the past that tell what someone said, not did. */
  private static final Set<String> SAYING = Set.of("said", "told", "added", "noted", "stated");

  /** Common verbs whose past does not end in "ed". */
  private static final Set<String> IRREGULAR =
      Preferred.listed(
          """
          began brought built chose drove fell fought flew gave went held hit kept knew led left
          lost made met paid put ran rose sent set shot sold spent spoke stood struck took threw
          won wrote withdrew overtook undertook beat broke cut found froze hid let quit sought
          sank swore tore understood""");

  /** Nouns of a deed ("Iran's attack", "the Israeli strike"). */
  private static final Set<String> DEEDS =
      Preferred.listed(
          """
          attack attacks strike strikes operation operations retaliation response assault
          offensive raid raids invasion bombing barrage campaign decision move launch takeover
          deal bid plan victory win purchase acquisition announcement ban sanctions withdrawal""");

  /**
   * Words between a name and its verb or deed ("Iran also launched", "the Iranian retaliatory").
   */
  private static final int NEAR = 2;

  /** Words between a name and its verb that keep it the doer ("Biden also", "Iran has"). */
  private static final Set<String> BETWEEN =
      Set.of("also", "then", "later", "has", "have", "had", "again", "first", "reportedly");

  /** The question's actor, when {@code question} asks what they did. */
  static Optional<DidWhat> of(String question) {
    Matcher m = QUESTION.matcher(Preferred.plain(question));
    if (!m.matches()) return Optional.empty();
    String who = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    List<String> words = Preferred.words(who).stream().map(Preferred::lower).toList();
    if (words.isEmpty() || words.contains("not") || words.getLast().equals("to")) {
      return Optional.empty(); // "what does X not do?", "what did Luther refuse to do?"
    }
    List<String> actor =
        words.stream()
            .filter(w -> !NOT_AN_ACTOR.contains(w) && !w.endsWith("ly")) // "originally"
            .toList();
    if (actor.isEmpty() || actor.size() > LONGEST) return Optional.empty(); // a clause, no name
    return Optional.of(new DidWhat(actor));
  }

  /**
   * Whether {@code sentence} tells what the actor did: one of their words, capitalised, before a
   * verb in the past (not one of saying), or before a deed, with at most {@value #NEAR} words
   * between; capitalised words after theirs name them further ("the Iranian Armed Forces
   * launched").
   */
  boolean acts(String sentence) {
    List<String> raw = new ArrayList<>();
    Matcher m = Preferred.WORD.matcher(sentence);
    while (m.find()) raw.add(m.group());
    for (int i = 0; i < raw.size(); i++) {
      String word = raw.get(i);
      if (!Character.isUpperCase(word.codePointAt(0)) || !isActor(word)) continue;
      boolean possessive = !Preferred.unpossessed(word).equals(word);
      for (int j = i + 1; j <= Math.min(raw.size() - 1, i + 1 + NEAR); j++) {
        if (Character.isUpperCase(raw.get(j).codePointAt(0))) continue; // "Iranian Armed Forces"
        String next = Preferred.lower(raw.get(j));
        if (DEEDS.contains(next)) return true;
        if (!possessive && isPast(next)) return true;
        if (!possessive && !BETWEEN.contains(next) && j == i + 1 && !isAdjective(next)) break;
      }
    }
    return false;
  }

  @Override
  public List<String> subject() {
    return actor;
  }

  @Override
  public boolean fits(String sentence) {
    return acts(sentence);
  }

  @Override
  public int depth() {
    return LOOKED_AT;
  }

  /** It only chooses among the sentences; whether any answers is the abstention model's say. */
  @Override
  public boolean settles() {
    return false;
  }

  private boolean isActor(String word) {
    String w = Preferred.lower(Preferred.unpossessed(word));
    for (String a : actor) if (Names.forms(a, w) || Names.misspelt(a, w)) return true;
    return false;
  }

  private static boolean isPast(String word) {
    if (SAYING.contains(word)) return false;
    return IRREGULAR.contains(word) || (word.length() > 4 && word.endsWith("ed"));
  }

  /** "retaliatory", "unprecedented": words between an actor's adjective and the deed. */
  private static boolean isAdjective(String word) {
    return word.endsWith("ory") || word.endsWith("ous") || word.endsWith("ent");
  }
}
