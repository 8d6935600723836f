/** Alerts, their text and JSON formats, the output queue and one sink class per output channel. */
package dev.peregrine.platform.output;
