package dev.peregrine.plugin.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ct.user, ct.originaluser and the ct.user.* fields (cloudtrail.md §9 identity). */
class IdentityFieldsTest {

    private final Extraction extraction = new Extraction();

    private Optional<String> user(String identity) {
        return extraction.text("ct.user", "{\"userIdentity\":" + identity + "}");
    }

    private Optional<String> originalUser(String identity) {
        return extraction.text("ct.originaluser", "{\"userIdentity\":" + identity + "}");
    }

    @Test
    void rootAndIamUsersAreTheirUserName() {
        assertEquals(Optional.of("Alice"), user("{\"type\":\"IAMUser\",\"userName\":\"Alice\"}"));
        assertEquals(Optional.of("admin"), user("{\"type\":\"Root\",\"userName\":\"admin\"}"));
        assertEquals(Optional.empty(), user("{\"type\":\"IAMUser\"}"));
    }

    @Test
    void awsServicesAreWhoInvokedThem() {
        assertEquals(Optional.of("ec2.amazonaws.com"), user("{\"type\":\"AWSService\",\"invokedBy\":\"ec2.amazonaws.com\"}"));
        assertEquals(Optional.empty(), user("{\"type\":\"AWSService\"}"));
    }

    @Test
    void assumedRolesAreTheIssuerNameOrTheLiteralTypeName() {
        assertEquals(Optional.of("deploy-role"), user(
                "{\"type\":\"AssumedRole\",\"sessionContext\":{\"sessionIssuer\":{\"userName\":\"deploy-role\"}}}"));
        assertEquals(Optional.of("AssumedRole"), user("{\"type\":\"AssumedRole\"}"));
    }

    @Test
    void accountsAndFederatedUsersAreLiteralsAndOtherTypesAreAbsent() {
        assertEquals(Optional.of("AWSAccount"), user("{\"type\":\"AWSAccount\",\"userName\":\"x\"}"));
        assertEquals(Optional.of("FederatedUser"), user("{\"type\":\"FederatedUser\"}"));
        assertEquals(Optional.empty(), user("{\"type\":\"IdentityCenterUser\",\"userName\":\"x\"}"));
        assertEquals(Optional.empty(), user("{\"type\":\"SAMLUser\"}"));
        assertEquals(Optional.empty(), user("{\"type\":1,\"userName\":\"x\"}"));
        assertEquals(Optional.empty(), extraction.text("ct.user", "{}"));
    }

    @Test
    void originalUserOfAnAssumedRoleIsTheSessionNameFromTheArn() {
        assertEquals(Optional.of("alice-session"), originalUser("{\"type\":\"AssumedRole\","
                + "\"arn\":\"arn:aws:sts::123456789012:assumed-role/deploy-role/alice-session\","
                + "\"principalId\":\"AROAEXAMPLE:other\"}"));
    }

    @Test
    void originalUserFallsBackToThePrincipalIdThenIsAbsent() {
        assertEquals(Optional.of("bob"), originalUser(
                "{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::1:assumed-role/r\",\"principalId\":\"AROA:bob\"}"));
        assertEquals(Optional.empty(), originalUser(
                "{\"type\":\"AssumedRole\",\"arn\":\"a/b/c/d\",\"principalId\":\"A:b:c\"}"));
        assertEquals(Optional.empty(), originalUser("{\"type\":\"AssumedRole\"}"));
    }

    @Test
    void originalUserOfOtherTypesIsTheUserName() {
        assertEquals(Optional.of("Alice"), originalUser("{\"type\":\"IAMUser\",\"userName\":\"Alice\"}"));
        assertEquals(Optional.of("x"), originalUser("{\"type\":\"IdentityCenterUser\",\"userName\":\"x\"}"));
        assertEquals(Optional.empty(), originalUser("{\"type\":\"AWSAccount\"}"));
    }

    @Test
    void accountIdFallsBackToTheRecipientAccount() {
        assertEquals(Optional.of("111"), extraction.text("ct.user.accountid",
                "{\"userIdentity\":{\"accountId\":\"111\"},\"recipientAccountId\":\"222\"}"));
        assertEquals(Optional.of("222"), extraction.text("ct.user.accountid",
                "{\"userIdentity\":{},\"recipientAccountId\":\"222\"}"));
        assertEquals(Optional.empty(), extraction.text("ct.user.accountid", "{\"userIdentity\":{}}"));
    }

    @Test
    void identityTypePrincipalAndArnAreReadAsTheyAre() {
        String json = "{\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDA1\",\"arn\":\"arn:aws:iam::1:user/Alice\"}}";
        assertEquals(Optional.of("IAMUser"), extraction.text("ct.user.identitytype", json));
        assertEquals(Optional.of("AIDA1"), extraction.text("ct.user.principalid", json));
        assertEquals(Optional.of("arn:aws:iam::1:user/Alice"), extraction.text("ct.user.arn", json));
    }
}
