package dev.calx.server.frameworks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A test that runs once for each {@link DriverKind} of Calx's own drivers, the embedded and the
 * client driver: what Avatica's own client cannot do (prepareCall, routine and key metadata,
 * nativeSQL) is theirs to do.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@EnumSource(value = DriverKind.class, names = {"EMBEDDED", "CLIENT_PROTOBUF", "CLIENT_JSON"})
@interface CalxDrivers {}
