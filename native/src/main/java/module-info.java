/**
 * The OS back ends: the only module that calls the linker. Only the facade package is exported; the
 * Linux (SG_IO) and Windows (SPTI) implementations stay inside. Run with
 * {@code --enable-native-access=dev.odflash.nativeio} on the module path (ALL-UNNAMED on the class path).
 */
module dev.odflash.nativeio {
    requires transitive dev.odflash.core;

    exports dev.odflash.nativeio;
}
