package dev.chaosmonkey.agent.internal;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.chaosmonkey.agent.bootstrap.ChaosBridge;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * JDBC through the {@code java.sql} types, for any driver and pool, woven with plain ASM on the thread that loads the
 * class: {@code Driver.connect} and {@code DataSource.getConnection} (operation {@code connect}), {@code Statement}
 * execution ({@code query}, {@code update}, {@code execute}, {@code batch}); the SQL of prepared statements is
 * captured at {@code Connection.prepareStatement/prepareCall}. Each hook is one call into {@code JdbcCalls} on
 * entry and one on every exit, the exceptional one included (an outermost handler), so that pool proxies that
 * delegate to the driver's statement make one decision.
 *
 * <p>Without ByteBuddy: rules armed at start on JDBC no longer load and run ByteBuddy's some 1,200 classes while the
 * application starts, and arming the first JDBC rule in a running application weaves in milliseconds. Candidates
 * are found by name ({@link WeaveCandidates#jdbcNamed}, the class file naming a {@code java.sql} type), then by
 * their super types, read from the class files of the class's loader ({@link JdbcTypes}); super types that no
 * class file describes (interfaces another agent adds, as the OpenTelemetry agent does) are skipped. A class that
 * cannot be woven is counted with its reason ({@link WeaveRecord}) and loads as it is.
 */
final class JdbcWeaver implements ClassFileTransformer {
    /** The instrumentation name (JMX {@code ActiveInstrumentations}). */
    static final String NAME = "jdbc";
    private static final String CALLS = "dev/chaosmonkey/agent/bootstrap/JdbcCalls";
    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    private final Instrumentation jvm;
    private final WeaveRecord record;
    private final JdbcTypes types = new JdbcTypes();
    private final Module bridgeModule = ChaosBridge.class.getModule();
    private final Set<Module> edged = ConcurrentHashMap.newKeySet();
    private volatile boolean wove;
    /** Cleared on detach, before the restoring retransformation. */
    private volatile boolean enabled = true;

    JdbcWeaver(Instrumentation jvm, WeaveRecord record) {
        this.jvm = jvm;
        this.record = record;
    }

    /** Weaves nothing from now on (detach). */
    void disable() {
        enabled = false;
    }

    /** Whether a class was woven so far. */
    boolean active() {
        return wove;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] bytes) {
        return transform(null, loader, className, redefined, domain, bytes);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
            ProtectionDomain domain, byte[] bytes) {
        // every class load comes here: the name check first, on the internal name, before anything is allocated
        if (!enabled || className == null || bytes == null || !WeaveCandidates.jdbcNamed(className)) {
            return null;
        }
        String name = className.replace('/', '.');
        if (!isCandidate(name, bytes)) {
            return null;
        }
        try {
            byte[] woven = weave(loader, bytes);
            if (woven != null) {
                readEdge(module);
                wove = true;
                record.woven(name, loader, redefined != null);
            }
            return woven;
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError) {
                throw (VirtualMachineError) t;
            }
            record.failed(name, t);
            return null;
        }
    }

    /** Whether a class of this (dotted) name and class file may be a JDBC implementation. */
    static boolean isCandidate(String name, byte[] classFile) {
        return WeaveCandidates.jdbcNamed(name) && !WeaveCandidates.never(name)
                && WeaveCandidates.namesSqlType(classFile);
    }

    /**
     * Whether a loaded class is one this weaver weaves (retransformed when the first rule is armed; a class loaded
     * before the agent makes premain wait for the weaving).
     */
    static boolean matchesLoaded(Class<?> type) {
        if (type.isInterface() || type.isArray() || type.isPrimitive() || !WeaveCandidates.jdbcNamed(type.getName())
                || WeaveCandidates.never(type.getName())) {
            return false;
        }
        try {
            return kinds(type.getName(), JdbcTypes.loadedKinds(type)) != 0;
        } catch (RuntimeException | LinkageError unreadable) {
            // a class whose super types cannot be listed is no JDBC implementation that runs
            return false;
        }
    }

    /**
     * The kinds of hook a class of this (dotted) name gets, of the super-type kinds it has: a kind counts when the
     * simple name also names it ({@link WeaveCandidates#JDBC_FRAGMENTS}, in the order of {@link JdbcTypes}' bits).
     */
    private static int kinds(String name, int superKinds) {
        int simple = name.lastIndexOf('.') + 1;
        int kinds = 0;
        for (int i = 0; i < WeaveCandidates.JDBC_FRAGMENTS.length; i++) {
            int kind = 1 << i;
            if ((superKinds & kind) != 0 && name.indexOf(WeaveCandidates.JDBC_FRAGMENTS[i], simple) >= 0) {
                kinds |= kind;
            }
        }
        return kinds;
    }

    /** The woven class file, or {@code null} when the class has nothing to weave. */
    byte[] weave(ClassLoader loader, byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        if ((reader.getAccess() & (Opcodes.ACC_INTERFACE | Opcodes.ACC_MODULE)) != 0) {
            return null;
        }
        int kinds = kinds(reader.getClassName().replace('/', '.'), types.kinds(reader, loader));
        if (kinds == 0) {
            return null;
        }
        Map<String, Integer> maxLocals = new HashMap<>();
        reader.accept(new LocalsCounter(kinds, maxLocals), ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        if (maxLocals.isEmpty()) {
            return null;
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean frames = reader.readUnsignedShort(6) >= Opcodes.V1_6;
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                Integer locals = maxLocals.get(name + descriptor);
                if (locals == null) {
                    return next;
                }
                return new HookAdapter(next, hook(kinds, access, name, descriptor), name, descriptor, locals, frames);
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    /** The hooks, by the JDBC method they go on. */
    enum Hook {
        STATEMENT("enterStatement", "(Ljava/lang/Object;Ljava/lang/String;Ljava/lang/Object;)I", "exitStatement"),
        DRIVER_CONNECT("enterDriverConnect", "(Ljava/lang/Object;Ljava/lang/String;)I", "exitConnect"),
        DATA_SOURCE_CONNECT("enterDataSourceConnect", "(Ljava/lang/Object;)I", "exitConnect"),
        PREPARE(null, null, null);

        final String enter;
        final String enterDescriptor;
        final String exit;

        Hook(String enter, String enterDescriptor, String exit) {
            this.enter = enter;
            this.enterDescriptor = enterDescriptor;
            this.exit = exit;
        }
    }

    /** The hook of a method of a class with these kinds, {@code null} for none. */
    static Hook hook(int kinds, int access, String name, String descriptor) {
        if ((access & Opcodes.ACC_PUBLIC) == 0 || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE
                | Opcodes.ACC_STATIC)) != 0) {
            return null;
        }
        if ((kinds & JdbcTypes.STATEMENT) != 0 && EXECUTE.contains(name)) {
            return Hook.STATEMENT;
        }
        boolean stringFirst = descriptor.startsWith("(Ljava/lang/String;");
        if ((kinds & JdbcTypes.CONNECTION) != 0 && stringFirst && (name.equals("prepareStatement")
                || name.equals("prepareCall")) && Type.getReturnType(descriptor).getSort() == Type.OBJECT) {
            return Hook.PREPARE;
        }
        if ((kinds & JdbcTypes.DRIVER) != 0 && stringFirst && name.equals("connect")
                && Type.getArgumentTypes(descriptor).length == 2) {
            return Hook.DRIVER_CONNECT;
        }
        if ((kinds & JdbcTypes.DATA_SOURCE) != 0 && name.equals("getConnection")) {
            return Hook.DATA_SOURCE_CONNECT;
        }
        return null;
    }

    /** First pass: the {@code max_locals} of each method that gets a hook (its new local goes after them). */
    private static final class LocalsCounter extends ClassVisitor {
        private final int kinds;
        private final Map<String, Integer> maxLocals;

        LocalsCounter(int kinds, Map<String, Integer> maxLocals) {
            super(Opcodes.ASM9);
            this.kinds = kinds;
            this.maxLocals = maxLocals;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            if (hook(kinds, access, name, descriptor) == null) {
                return null;
            }
            String key = name + descriptor;
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitMaxs(int maxStack, int locals) {
                    maxLocals.put(key, locals);
                }
            };
        }
    }

    /**
     * A hook in a method, with one new local after the method's own: for a call with a depth, {@code depth =
     * enter(...)}, the method's code inside an outermost catch-all handler, {@code exit(depth)} before each return
     * and in the handler (which rethrows); for {@code prepareStatement/prepareCall(sql, ...)}, the SQL as it was on
     * entry (the method may reassign its parameter: H2 translates it), handed over with the statement at each
     * normal return. Every stack map frame of the method gets the new local.
     */
    private static final class HookAdapter extends MethodVisitor {
        private final Hook hook;
        private final String method;
        private final Type[] arguments;
        private final int newLocal;
        /** The new local's type in stack map frames. */
        private final Object newLocalType;
        private final boolean frames;
        private final Label start = new Label();

        HookAdapter(MethodVisitor next, Hook hook, String method, String descriptor, int maxLocals,
                boolean frames) {
            super(Opcodes.ASM9, next);
            this.hook = hook;
            this.method = method;
            this.arguments = Type.getArgumentTypes(descriptor);
            this.newLocal = maxLocals;
            this.newLocalType = hook == Hook.PREPARE ? "java/lang/String" : Opcodes.INTEGER;
            this.frames = frames;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            if (hook == Hook.PREPARE) {
                super.visitVarInsn(Opcodes.ALOAD, 1);
                super.visitVarInsn(Opcodes.ASTORE, newLocal);
                return;
            }
            super.visitVarInsn(Opcodes.ALOAD, 0);
            if (hook == Hook.STATEMENT) {
                super.visitLdcInsn(method);
                if (arguments.length > 0 && arguments[0].getSort() >= Type.ARRAY) {
                    super.visitVarInsn(Opcodes.ALOAD, 1);
                } else {
                    super.visitInsn(Opcodes.ACONST_NULL);
                }
            } else if (hook == Hook.DRIVER_CONNECT) {
                super.visitVarInsn(Opcodes.ALOAD, 1);
            }
            super.visitMethodInsn(Opcodes.INVOKESTATIC, CALLS, hook.enter, hook.enterDescriptor, false);
            super.visitVarInsn(Opcodes.ISTORE, newLocal);
            super.visitLabel(start);
        }

        @Override
        public void visitInsn(int opcode) {
            if (hook == Hook.PREPARE) {
                if (opcode == Opcodes.ARETURN) {
                    super.visitInsn(Opcodes.DUP);
                    super.visitVarInsn(Opcodes.ALOAD, newLocal);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, CALLS, "prepared",
                            "(Ljava/lang/Object;Ljava/lang/String;)V", false);
                }
            } else if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                exit();
            }
            super.visitInsn(opcode);
        }

        private void exit() {
            super.visitVarInsn(Opcodes.ILOAD, newLocal);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, CALLS, hook.exit, "(I)V", false);
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            // expanded frames (EXPAND_FRAMES): the method's locals, then TOP up to the new local, then its type
            List<Object> locals = new ArrayList<>(numLocal + 4);
            int slots = 0;
            for (int i = 0; i < numLocal; i++) {
                locals.add(local[i]);
                slots += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
            }
            while (slots < newLocal) {
                locals.add(Opcodes.TOP);
                slots++;
            }
            locals.add(newLocalType);
            super.visitFrame(type, locals.size(), locals.toArray(), numStack, stack);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            if (hook == Hook.PREPARE) {
                super.visitMaxs(maxStack + 2, newLocal + 1);
                return;
            }
            Label end = new Label();
            Label handler = new Label();
            super.visitLabel(end);
            // visited last, after the method's own handlers: the outermost one
            super.visitTryCatchBlock(start, end, handler, null);
            super.visitLabel(handler);
            if (frames) {
                Object[] locals = new Object[newLocal + 1];
                java.util.Arrays.fill(locals, Opcodes.TOP);
                locals[newLocal] = Opcodes.INTEGER;
                super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
            }
            exit();
            super.visitInsn(Opcodes.ATHROW);
            super.visitMaxs(Math.max(maxStack + 1, 3), newLocal + 1);
        }
    }

    /** Gives a named module (a driver on the module path) a read edge to the bridge's unnamed module. */
    private void readEdge(Module module) {
        if (module != null && module.isNamed() && !module.canRead(bridgeModule) && edged.add(module)) {
            jvm.redefineModule(module, Set.of(bridgeModule), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }
}
