/** Benchmarks: speed, size and answer quality, measured side by side with published baselines. */
package org.storybot.bench;
