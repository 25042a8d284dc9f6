package dev.chaosmonkey.agent;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.example.shop.Catalog;
import com.sun.tools.attach.VirtualMachine;

/**
 * Started by {@code AttachDetachChurnIT} with {@code -Djdk.attach.allowAttachSelf=true}: attaches the packaged agent
 * (its path is the first argument) to its own JVM and detaches it again, {@code args[1]} times, with the agent
 * options {@code args[2]} (by default a method rule on {@link Catalog}). Every cycle weaves H2's JDBC classes and
 * the method rule's class, makes an injected call, and restores them. After a full GC it prints
 * {@code CYCLE <n> metaspace=<bytes used> loaded=<classes loaded> unloaded=<classes unloaded>}, then {@code DONE}.
 */
public final class AttachChurnApp {
    private AttachChurnApp() {
    }

    public static void main(String[] args) throws Exception {
        String agent = args[0];
        int cycles = Integer.parseInt(args[1]);
        String options = args.length > 2 ? args[2] : "enabled=true;spec=method class=com.example.shop.Catalog"
                + " method=count -> exception(java.lang.IllegalStateException, \"churn\")";
        boolean methodRule = options.contains("Catalog");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agentName = new ObjectName("dev.chaosmonkey:type=ChaosAgent");
        Catalog catalog = new Catalog();
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:churn", "sa", "")) {
            for (int cycle = 0; cycle <= cycles; cycle++) {
                if (cycle > 0) {
                    VirtualMachine vm = VirtualMachine.attach(Long.toString(ProcessHandle.current().pid()));
                    try {
                        vm.loadAgent(agent, options);
                    } finally {
                        vm.detach();
                    }
                    long deadline = System.nanoTime() + 60_000_000_000L;
                    while (!Boolean.TRUE.equals(server.isRegistered(agentName)
                            && (Boolean) server.getAttribute(agentName, "Installed")) && System.nanoTime() < deadline) {
                        Thread.sleep(10);
                    }
                    try {
                        catalog.count();
                        if (methodRule) {
                            System.out.println("NOT INJECTED in cycle " + cycle);
                        }
                    } catch (IllegalStateException expected) {
                        // the rule armed by this attach
                    }
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
                        rs.next();
                    }
                    server.invoke(agentName, "detach", new Object[0], new String[0]);
                }
                if (cycle == 0 || cycle % 10 == 0) {
                    report(cycle);
                }
            }
        }
        System.out.println("DONE");
    }

    private static void report(int cycle) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        long metaspace = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                metaspace = pool.getUsage().getUsed();
            }
        }
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        System.out.println("CYCLE " + cycle + " metaspace=" + metaspace + " loaded=" + classes.getTotalLoadedClassCount()
                + " unloaded=" + classes.getUnloadedClassCount());
        System.out.flush();
    }
}
