package dev.odflash.protocol;

/** One feature descriptor of GET CONFIGURATION (MMC-6 §5.3): code, version, current flag, data. */
public record Feature(int code, int version, boolean persistent, boolean current, byte[] data) {
    public Feature {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Feature names from MMC-6 Table 86 for the features drives commonly list. */
    public String name() {
        return switch (code) {
            case 0x0000 -> "Profile List";
            case 0x0001 -> "Core";
            case 0x0002 -> "Morphing";
            case 0x0003 -> "Removable Medium";
            case 0x0010 -> "Random Readable";
            case 0x001D -> "Multi-Read";
            case 0x001E -> "CD Read";
            case 0x001F -> "DVD Read";
            case 0x002D -> "CD Track at Once";
            case 0x002E -> "CD Mastering";
            case 0x0100 -> "Power Management";
            case 0x0103 -> "CD External Audio Play";
            case 0x0104 -> "Microcode Upgrade";
            case 0x0105 -> "Timeout";
            case 0x0108 -> "Logical Unit Serial Number";
            case 0x010C -> "Firmware Information";
            default -> String.format("Feature 0x%04X", code);
        };
    }
}
