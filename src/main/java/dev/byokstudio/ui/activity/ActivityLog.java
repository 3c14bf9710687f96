package dev.byokstudio.ui.activity;

import dev.byokstudio.kms.ClockControl;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.KmsException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Every operation the application performs, newest first: a {@link Kms} wrapped by {@link #recording} notes
 * each call's operation, key and outcome here. Calls happen on background threads; entries are added on
 * the thread {@code dispatcher} hands them to (the JavaFX thread in the application, the caller in tests).
 * At most {@link #CAPACITY} entries are kept.
 */
public final class ActivityLog {

    public static final int CAPACITY = 1000;

    private final ObservableList<ActivityEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<ActivityEntry> entriesView = FXCollections.unmodifiableObservableList(entries);
    private final ClockControl clock;
    private final Consumer<Runnable> dispatcher;

    public ActivityLog(ClockControl clock, Consumer<Runnable> dispatcher) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    }

    /**
     * Runs on the JavaFX thread: at once when already on it, later otherwise; directly where there is no
     * JavaFX toolkit (view-model tests).
     */
    public static Consumer<Runnable> fxDispatcher() {
        return task -> {
            if (javafx.application.Platform.isFxApplicationThread()) {
                task.run();
                return;
            }
            try {
                javafx.application.Platform.runLater(task);
            } catch (IllegalStateException noToolkit) {
                task.run();
            }
        };
    }

    /** The entries, newest first. */
    public ObservableList<ActivityEntry> entries() {
        return entriesView;
    }

    /** {@code kms}, with every call noted in this log. */
    public Kms recording(Kms kms) {
        Objects.requireNonNull(kms, "kms");
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(kms, args);
            }
            String operation = operationName(method);
            String keyId = args != null && args.length == 1 ? keyIdOf(args[0]) : "";
            try {
                Object result = method.invoke(kms, args);
                note(new ActivityEntry(clock.now(), operation, keyId, null, ""));
                return result;
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof KmsException kmsError) {
                    note(new ActivityEntry(clock.now(), operation, keyId, kmsError.errorCode(), kmsError.awsMessage()));
                } else {
                    note(new ActivityEntry(clock.now(), operation, keyId, cause.getClass().getSimpleName(), ""));
                }
                throw cause;
            }
        };
        return (Kms) Proxy.newProxyInstance(Kms.class.getClassLoader(), new Class<?>[] {Kms.class}, handler);
    }

    private void note(ActivityEntry entry) {
        dispatcher.accept(() -> {
            entries.add(0, entry);
            if (entries.size() > CAPACITY) {
                entries.remove(CAPACITY, entries.size());
            }
        });
    }

    /** "createKey" → "CreateKey", as AWS names the operation. */
    static String operationName(Method method) {
        String name = method.getName();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** The key a request names: its KeyId (or TargetKeyId, SourceKeyId), if it has one. */
    static String keyIdOf(Object request) {
        if (request == null || !request.getClass().isRecord()) {
            return "";
        }
        for (String name : new String[] {"keyId", "targetKeyId", "sourceKeyId"}) {
            for (RecordComponent component : request.getClass().getRecordComponents()) {
                if (component.getName().equals(name) && component.getType() == String.class) {
                    try {
                        Object value = component.getAccessor().invoke(request);
                        return value == null ? "" : (String) value;
                    } catch (ReflectiveOperationException e) {
                        return "";
                    }
                }
            }
        }
        return "";
    }
}
