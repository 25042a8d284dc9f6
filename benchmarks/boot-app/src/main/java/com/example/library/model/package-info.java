/** Mapped superclasses shared by the entities. */
package com.example.library.model;
