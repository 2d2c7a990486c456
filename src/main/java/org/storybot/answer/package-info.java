/**
 * Grounded answers: retrieve sentences, compose an answer that cites them, check every citation.
 */
package org.storybot.answer;
