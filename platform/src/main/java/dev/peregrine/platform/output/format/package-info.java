/**
 * Output format syntax: splitting a rule's {@code output} into literal text and {@code %} tokens
 * (fields and transformers) exactly as Falco's event formatter does. Rendering lives elsewhere.
 */
package dev.peregrine.platform.output.format;
