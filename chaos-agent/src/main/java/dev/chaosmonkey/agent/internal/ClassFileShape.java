package dev.chaosmonkey.agent.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * What a class file declares and which attributes it carries, read without ASM: class, super class, interfaces,
 * every field and method (access, name, descriptor, a checksum of the bytecode) and the names of the attributes at
 * each level (class, member, inside {@code Code}). Two shapes with the same declarations and bytecode describe the
 * same class; the attribute names tell whether one of them lost attributes (as the bytes a JDK 17 JVM hands to a
 * retransforming agent lose {@code MethodParameters}).
 */
final class ClassFileShape {
    private static final int MAGIC = 0xCAFEBABE;

    private final String declaration;
    private final Set<String> classAttributes;
    private final Map<String, Member> members;

    private static final class Member {
        final int access;
        final Set<String> attributes;
        final long codeChecksum;

        Member(int access, Set<String> attributes, long codeChecksum) {
            this.access = access;
            this.attributes = attributes;
            this.codeChecksum = codeChecksum;
        }
    }

    private ClassFileShape(String declaration, Set<String> classAttributes, Map<String, Member> members) {
        this.declaration = declaration;
        this.classAttributes = classAttributes;
        this.members = members;
    }

    /**
     * Reads a class file.
     *
     * @throws IOException when the bytes are not a well-formed class file
     */
    static ClassFileShape parse(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1: // Utf8
                    utf8[i] = in.readUTF();
                    break;
                case 7: // Class
                    classNameIndex[i] = in.readUnsignedShort();
                    break;
                case 8: case 16: case 19: case 20: // String, MethodType, Module, Package
                    in.skipNBytes(2);
                    break;
                case 15: // MethodHandle
                    in.skipNBytes(3);
                    break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                    in.skipNBytes(4);
                    break;
                case 5: case 6: // Long, Double take two entries
                    in.skipNBytes(8);
                    i++;
                    break;
                default:
                    throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        StringBuilder declaration = new StringBuilder();
        declaration.append(in.readUnsignedShort()).append(' ');
        declaration.append(className(utf8, classNameIndex, in.readUnsignedShort())).append(" extends ");
        declaration.append(className(utf8, classNameIndex, in.readUnsignedShort())).append(" implements");
        int interfaces = in.readUnsignedShort();
        for (int i = 0; i < interfaces; i++) {
            declaration.append(' ').append(className(utf8, classNameIndex, in.readUnsignedShort()));
        }
        Map<String, Member> members = new HashMap<>();
        for (String kind : new String[] {"field ", "method "}) {
            int n = in.readUnsignedShort();
            for (int i = 0; i < n; i++) {
                int access = in.readUnsignedShort();
                String key = kind + utf8(utf8, in.readUnsignedShort()) + utf8(utf8, in.readUnsignedShort());
                Set<String> attributes = new TreeSet<>();
                long checksum = readAttributes(in, utf8, attributes, "");
                members.put(key, new Member(access, attributes, checksum));
            }
        }
        Set<String> classAttributes = new TreeSet<>();
        readAttributes(in, utf8, classAttributes, "");
        return new ClassFileShape(declaration.toString(), classAttributes, members);
    }

    /** Reads an attribute table into {@code names}; returns the checksum of a {@code Code} attribute's bytecode. */
    private static long readAttributes(DataInputStream in, String[] utf8, Set<String> names, String prefix)
            throws IOException {
        long checksum = -1;
        int n = in.readUnsignedShort();
        for (int i = 0; i < n; i++) {
            String name = utf8(utf8, in.readUnsignedShort());
            int length = in.readInt();
            names.add(prefix + name);
            if (name.equals("Code") && prefix.isEmpty()) {
                in.readUnsignedShort(); // max_stack
                in.readUnsignedShort(); // max_locals
                byte[] code = new byte[in.readInt()];
                in.readFully(code);
                CRC32 crc = new CRC32();
                crc.update(code);
                checksum = crc.getValue();
                in.skipNBytes(8L * in.readUnsignedShort()); // exception table
                readAttributes(in, utf8, names, "Code.");
            } else {
                in.skipNBytes(length);
            }
        }
        return checksum;
    }

    private static String utf8(String[] utf8, int index) throws IOException {
        if (index <= 0 || index >= utf8.length || utf8[index] == null) {
            throw new IOException("constant pool entry " + index + " is not a Utf8 entry");
        }
        return utf8[index];
    }

    private static String className(String[] utf8, int[] classNameIndex, int index) throws IOException {
        if (index == 0) {
            return "-";
        }
        if (index >= classNameIndex.length || classNameIndex[index] == 0) {
            throw new IOException("constant pool entry " + index + " is not a Class entry");
        }
        return utf8(utf8, classNameIndex[index]);
    }

    /**
     * Whether {@code other} declares the same class with the same members and the same bytecode in every method,
     * so that one may replace the other in a retransformation (attributes aside).
     */
    boolean sameClassAs(ClassFileShape other) {
        if (!declaration.equals(other.declaration) || !members.keySet().equals(other.members.keySet())) {
            return false;
        }
        for (Map.Entry<String, Member> e : members.entrySet()) {
            Member mine = e.getValue();
            Member theirs = other.members.get(e.getKey());
            if (mine.access != theirs.access || mine.codeChecksum != theirs.codeChecksum) {
                return false;
            }
        }
        return true;
    }

    /** The attributes this class file has and {@code other} lacks, e.g. {@code method page(ILjava/lang/String;)...: MethodParameters}. */
    Set<String> attributesMissingIn(ClassFileShape other) {
        Set<String> missing = new TreeSet<>();
        for (String a : classAttributes) {
            if (!other.classAttributes.contains(a)) {
                missing.add("class: " + a);
            }
        }
        for (Map.Entry<String, Member> e : members.entrySet()) {
            Member theirs = other.members.get(e.getKey());
            for (String a : e.getValue().attributes) {
                if (theirs == null || !theirs.attributes.contains(a)) {
                    missing.add(e.getKey() + ": " + a);
                }
            }
        }
        return missing;
    }
}
