/** The command line and the composition root: configuration, wiring, and the storybot commands. */
package org.storybot.cli;
