// @peculiar/x509 resolves its ASN.1 schemas through tsyringe, which needs the Reflect
// metadata API installed before the library's first line runs. Every file in this folder
// imports the library through here, so the order is fixed in one place.
import 'reflect-metadata';

/**
 * The @peculiar/x509 namespace, loaded after `reflect-metadata`. Import it from here, never
 * from '@peculiar/x509' directly.
 */
export * as x509 from '@peculiar/x509';
