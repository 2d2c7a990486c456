/**
 * News articles about the story: reading them from Markdown, text and JSONL, and splitting them
 * into sentences.
 */
package org.storybot.article;
