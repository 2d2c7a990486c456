package org.storybot.answer;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Who is Biden?": a question that asks who a named person is. The answer is a sentence that
 * introduces them, their title or role just before their name ("US President Joe Biden", "White
 * House spokesperson John Kirby"); the ranker may prefer a sentence that merely mentions them. Such
 * a sentence, the best placed by the ranker, is put first.
 *
 * @param name the words of the person's name, lower case ("biden", "john kirby")
 */
record WhoIs(List<String> name) implements Preferred {
  private static final Pattern QUESTION =
      Pattern.compile("^(?:so |and |ok |okay )?(?:who is|who's|who was) (.{2,40})$");

  /** At most this many words in a name ("Benjamin Netanyahu", "Joe Biden"). */
  private static final int LONGEST_NAME = 3;

  /** How far before the name its title may begin ("US Defense Secretary Lloyd Austin"). */
  private static final int TITLE_REACH = 5;

  /** Words that make a phrase before a name a title or a role. */
  private static final Set<String> ROLES =
      Set.of(
          ("president vice secretary minister premier chancellor spokesperson spokesman spokeswoman"
                  + " official officials chief leader commander general admiral colonel captain"
                  + " ambassador envoy senator governor mayor king queen prince emir sheikh"
                  + " ayatollah pope ceo chairman chairwoman chair director head adviser advisor"
                  + " founder editor reporter correspondent analyst professor judge lawmaker"
                  + " representative sen gov rep")
              .split(" "));

  /** The person asked about, when {@code question} only asks who they are. */
  static Optional<WhoIs> of(String question) {
    Matcher m = QUESTION.matcher(Preferred.plain(question));
    if (!m.matches()) return Optional.empty();
    List<String> name = Preferred.words(m.group(1));
    if (!name.isEmpty() && (name.getFirst().equals("mr") || name.getFirst().equals("mrs"))) {
      name = name.subList(1, name.size());
    }
    if (name.isEmpty() || name.size() > LONGEST_NAME) return Optional.empty();
    return Optional.of(new WhoIs(name.stream().map(Preferred::lower).toList()));
  }

  /**
   * Whether {@code sentence} introduces the person: their name, each word capitalised, right after
   * a title or a role ("US President Joe Biden", "White House spokesperson John Kirby"; not
   * "Gallant told Austin").
   */
  boolean introduces(String sentence) {
    List<String> w = Preferred.words(sentence);
    for (int i = 0; i + name.size() <= w.size(); i++) {
      if (!isName(w, i)) continue;
      for (int j = i - 1; j >= Math.max(0, i - TITLE_REACH); j--) {
        if (ROLES.contains(Preferred.lower(w.get(j)))) return true;
        if (!Character.isUpperCase(w.get(j).codePointAt(0))) break; // not a title or a name
      }
    }
    return false;
  }

  @Override
  public List<String> subject() {
    return name;
  }

  @Override
  public boolean fits(String sentence) {
    return introduces(sentence);
  }

  private boolean isName(List<String> w, int at) {
    for (int k = 0; k < name.size(); k++) {
      String word = w.get(at + k);
      String lower = Preferred.lower(word);
      boolean same = lower.equals(name.get(k)) || Names.misspelt(name.get(k), lower); // "kirbi"
      if (!same || !Character.isUpperCase(word.codePointAt(0))) {
        return false;
      }
    }
    return true;
  }
}
