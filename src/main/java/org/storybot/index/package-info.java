/** The Lucene sentence index: incremental updates, hybrid BM25 + vector retrieval fused by rank. */
package org.storybot.index;
