package dev.odflash.family;

import dev.odflash.drive.DriveFamily;
import dev.odflash.drive.DriveModel;
import dev.odflash.drive.DriveTable;
import dev.odflash.drive.ImageLayout;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The families are a complete, unambiguous map (docs/how-to-add-a-family.md): one package per family name,
 * each layout owned by exactly one family, every drive-table row flashable by its family's strategy.
 */
class FamiliesTest {
    @Test
    void everyFamilyNameHasExactlyOneImplementation() {
        for (DriveFamily id : DriveFamily.values()) {
            assertThat(Families.all().stream().filter(f -> f.id() == id)).as(id.word()).hasSize(1);
            assertThat(Families.of(id).id()).isEqualTo(id);
        }
        assertThat(Families.all()).hasSize(DriveFamily.values().length);
    }

    @Test
    void everyLayoutBelongsToExactlyOneFamily() {
        List<ImageLayout> owned = new ArrayList<>();
        Families.all().forEach(f -> owned.addAll(f.layouts()));
        assertThat(owned).doesNotHaveDuplicates();
        assertThat(EnumSet.copyOf(owned)).isEqualTo(EnumSet.allOf(ImageLayout.class));
    }

    @Test
    void everyDriveTableRowNamesALayoutOfItsFamily() throws Exception {
        DriveTable table = DriveTable.builtIn();
        assertThat(table.all()).isNotEmpty();
        for (DriveModel m : table.all()) {
            Set<ImageLayout> layouts = Families.of(m.family()).layouts();
            assertThat(layouts).as(m.displayName()).contains(m.layout());
        }
    }

    @Test
    void recognisersAreOrderedStrongestFirstWithTheGenericCheckLast() {
        List<Integer> strengths = Families.all().stream().flatMap(f -> f.recognisers(java.util.Optional.empty(), dev.odflash.image.CheckPurpose.FLASH)
                .stream()).map(Recogniser::strength).toList();
        assertThat(strengths).doesNotHaveDuplicates();
        assertThat(strengths.stream().mapToInt(Integer::intValue).min().orElseThrow()).isEqualTo(Recogniser.GENERIC);
        assertThat(Families.of(DriveFamily.MTK8051).recognisers(java.util.Optional.empty(), dev.odflash.image.CheckPurpose.FLASH))
                .extracting(Recogniser::strength).containsExactly(Recogniser.GENERIC);
    }
}
