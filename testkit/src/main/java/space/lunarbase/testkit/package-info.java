/**
 * Test support shared by the modules, with real parts only: a real Mosquitto on a free loopback
 * port ({@link MosquittoBroker}, {@link MosquittoExtension}), open or as the secure site broker
 * for a {@link TestSite} provisioned at test time ({@link SiteBrokerInstall}); an MQTT recorder
 * that waits for what a test expects with a timeout ({@link MqttRecorder}); a TCP relay whose
 * connections a test can cut ({@link TcpProxy}).
 */
package space.lunarbase.testkit;
