/** Field catalogues: which fields each event source offers, and how a reference binds to one. */
package dev.peregrine.platform.field;
