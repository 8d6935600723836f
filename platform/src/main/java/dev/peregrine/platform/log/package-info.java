/** Operational logs (not alerts): stderr and syslog lines with Falco's time stamps and levels. */
package dev.peregrine.platform.log;
