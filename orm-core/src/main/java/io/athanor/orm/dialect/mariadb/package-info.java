/** The MariaDB dialect (MariaDB 10.7 and later), and its MySQL variant. */
package io.athanor.orm.dialect.mariadb;
