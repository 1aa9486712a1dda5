/**
 * The engine: drive and chip tables, images, plans, protocols and operations, with no OS calls and no CLI
 * words (docs/architecture.md, "Layers and who may depend on whom"). Packages every front end and back end
 * needs are exported to all; the host-side flash knowledge (images, plans, protocols, operations) only to
 * the two front ends (the CLI and the GUI), so that the compiler keeps the emulator (and native) from using it: the emulator models a
 * drive from the protocol documents, not from the host's code.
 */
module dev.odflash.core {
    requires transitive com.fasterxml.jackson.databind;
    requires org.apache.commons.compress;
    requires org.tukaani.xz; // 7z's LZMA/LZMA2 (commons-compress only requires it statically)

    exports dev.odflash.bytes;
    exports dev.odflash.chip;
    exports dev.odflash.doctor; // the doctor's check lines: native's host checks and core's drive checks
    exports dev.odflash.drive;
    exports dev.odflash.input;
    exports dev.odflash.transport;
    exports dev.odflash.transport.lock;

    exports dev.odflash.family to dev.odflash.cli, dev.odflash.gui; // the family packages themselves stay hidden
    exports dev.odflash.image to dev.odflash.cli, dev.odflash.gui;
    exports dev.odflash.image.extract to dev.odflash.cli, dev.odflash.gui;
    exports dev.odflash.ops to dev.odflash.cli, dev.odflash.gui;
    exports dev.odflash.ops.flash to dev.odflash.cli, dev.odflash.gui;
    exports dev.odflash.ops.status to dev.odflash.cli, dev.odflash.gui;
    exports dev.odflash.plan to dev.odflash.cli, dev.odflash.gui;
    exports dev.odflash.protocol to dev.odflash.cli, dev.odflash.gui;
    exports dev.odflash.protocol.download to dev.odflash.cli;
    exports dev.odflash.transport.trace to dev.odflash.cli;
}
