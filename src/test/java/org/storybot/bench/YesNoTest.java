package org.storybot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YesNoTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "What did Luther write?|the 95 Theses|Did Luther write the 95 Theses?",
        "What is Southern California often abbreviated as?|SoCal|"
            + "Is Southern California often abbreviated as SoCal?",
        "Which city does the Hollywood district belong to?|Los Angeles|"
            + "Does the Hollywood district belong to Los Angeles?",
        "Which Senator was a strong advocate for the Pico Act?|Milton Latham|"
            + "Is it true that Milton Latham was a strong advocate for the Pico Act?",
        "Who considers Los Angeles County to be a separate metropolitan area?|the Census Bureau|"
            + "Is it true that the Census Bureau considers Los Angeles County to be a separate"
            + " metropolitan area?",
        "How many teams did Los Angeles used to have?|two|"
            + "Did Los Angeles used to have two teams?",
        "How many people were killed in the fire?|300|Were 300 people killed in the fire?",
        "In which year did the newspaper change its definition?|1999|"
            + "Did the newspaper change its definition in 1999?",
        "Where were the Lambing Flat riots?|New South Wales|"
            + "Were the Lambing Flat riots in New South Wales?",
        "When was the treaty signed?|on 4 July.|Was the treaty signed on 4 July?"
      })
  void putsTheClaimIntoTheQuestion(String question, String answer, String yesNo) {
    assertThat(YesNo.of(question, answer)).contains(yesNo);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Why did the war start?|a dispute",
        "How did Luther die?|of a stroke",
        "What famous snowboarder lives in southern California?|Shaun White",
        "Did Luther marry?|yes",
        "What did Luther write?|a very long answer of more than six words",
        "Who?|him"
      })
  void leavesQuestionsOfAnotherFormAlone(String question, String answer) {
    assertThat(YesNo.of(question, answer)).isEmpty();
  }
}
