/** The embedded SQLite database under STORYBOT_DATA and its Flyway migrations. */
package org.storybot.store;
