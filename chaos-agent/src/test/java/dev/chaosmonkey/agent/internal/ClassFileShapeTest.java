package dev.chaosmonkey.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

class ClassFileShapeTest {
    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void aClassFileIsTheSameClassAsItselfAndMissesNothing() throws IOException {
        ClassFileShape shape = ClassFileShape.parse(classFile(com.example.shop.Catalog.class));
        assertThat(shape.sameClassAs(ClassFileShape.parse(classFile(com.example.shop.Catalog.class)))).isTrue();
        assertThat(shape.attributesMissingIn(shape)).isEmpty();
    }

    @Test
    void differentClassesAreNotTheSame() throws IOException {
        ClassFileShape catalog = ClassFileShape.parse(classFile(com.example.shop.Catalog.class));
        ClassFileShape inventory = ClassFileShape.parse(classFile(com.example.shop.Inventory.class));
        assertThat(catalog.sameClassAs(inventory)).isFalse();
        // the build compiles with -parameters: every method with parameters carries MethodParameters
        assertThat(catalog.attributesMissingIn(inventory))
                .contains("method page(ILjava/lang/String;)Ljava/lang/String;: MethodParameters");
    }

    @Test
    void rejectsWhatIsNotAClassFile() {
        assertThatThrownBy(() -> ClassFileShape.parse(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .isInstanceOf(IOException.class).hasMessageContaining("not a class file");
        assertThatThrownBy(() -> ClassFileShape.parse(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE}))
                .isInstanceOf(IOException.class);
    }
}
