/** Subscriptions to story updates, and the durable outbox that delivers their digests. */
package org.storybot.subscription;
