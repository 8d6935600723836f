/**
 * The rules reader: YAML documents composed as nodes with positions (no implicit typing,
 * duplicate keys first-wins) and turned into collector calls with Falco's shape errors.
 */
package dev.peregrine.platform.rules.yaml;
