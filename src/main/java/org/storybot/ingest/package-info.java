/**
 * Getting new articles in: files, folders, JSONL corpora, web pages and feeds, and watching them.
 */
package org.storybot.ingest;
