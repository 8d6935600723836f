/** Load results: codes with Falco's texts, location chains, snippets, JSON and text reports. */
package dev.peregrine.platform.rules.result;
