/** The command line and Falco's startup as a named list of steps. */
package dev.peregrine.platform.boot;
