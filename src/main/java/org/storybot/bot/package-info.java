/** The Telegram bot: updates in, cited answers out, within Telegram's limits. */
package org.storybot.bot;
