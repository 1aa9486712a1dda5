package dev.odflash.family;

/**
 * Which public CDB form talks to an MT19xx drive (docs/protocols.md §2.2): redumper's 10-byte SPC
 * commands (the default) or freemkv's 12-byte commands with the vendor flasher's trailing bytes.
 * A family option the front ends offer; the mt19xx family package interprets it.
 */
public enum Mt19xxVariant { REDUMPER, FREEMKV }
